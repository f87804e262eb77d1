'use client';

import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

export interface ConfirmOptions {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
}

interface Pending extends ConfirmOptions {
  resolve: (confirmed: boolean) => void;
}

/**
 * `if (await ask({ … })) run()`: one dialog per view, rendered where `dialog` is placed.
 * Destructive actions always go through it, and say how many jobs they touch.
 */
export function useConfirm(): { ask: (options: ConfirmOptions) => Promise<boolean>; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback((options: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ ...options, resolve })), []);
  const close = (confirmed: boolean) => {
    pending?.resolve(confirmed);
    setPending(null);
  };
  return { ask, dialog: pending ? <ConfirmDialog options={pending} onClose={close} /> : null };
}

function ConfirmDialog({ options, onClose }: { options: ConfirmOptions; onClose: (confirmed: boolean) => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Focus the safe choice, so Enter does not delete by accident.
    cancel.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/50 p-4" onClick={() => onClose(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        data-testid="confirm-dialog"
        className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl dark:bg-slate-900"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="confirm-title" className="text-lg font-semibold">
          {options.title}
        </h2>
        <div className="mt-2 text-sm text-slate-600 dark:text-slate-300" data-testid="confirm-body">
          {options.body}
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <button ref={cancel} type="button" data-testid="confirm-cancel" className="rounded-md border px-3 py-1.5 text-sm dark:border-slate-700" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button
            type="button"
            data-testid="confirm-action"
            className={`rounded-md px-3 py-1.5 text-sm font-medium text-white ${options.destructive ? 'bg-red-600 hover:bg-red-700' : 'bg-sky-600 hover:bg-sky-700'}`}
            onClick={() => onClose(true)}
          >
            {options.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
