'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

export interface Toast {
  kind: 'success' | 'error';
  message: string;
}

interface ShownToast extends Toast {
  id: number;
}

const TOAST_MS = 6000;
const ToastContext = createContext<(toast: Toast) => void>(() => undefined);

/** The result of an action, in a corner, for a few seconds; errors stay until closed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const show = useCallback((toast: Toast) => setToasts((list) => [...list.slice(-4), { ...toast, id: Date.now() + Math.random() }]), []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2" aria-live="polite">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onClose={() => dismiss(toast.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onClose }: { toast: ShownToast; onClose: () => void }) {
  useEffect(() => {
    if (toast.kind === 'error') return;
    const timer = setTimeout(onClose, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.kind, onClose]);
  const colours =
    toast.kind === 'success'
      ? 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100'
      : 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100';
  return (
    <div role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-kind={toast.kind} className={`pointer-events-auto flex items-start gap-3 rounded-md border p-3 text-sm shadow ${colours}`}>
      <span className="min-w-0 flex-1 break-words">{toast.message}</span>
      <button type="button" aria-label="Close" className="opacity-60 hover:opacity-100" onClick={onClose}>
        ×
      </button>
    </div>
  );
}

export function useToast(): (toast: Toast) => void {
  return useContext(ToastContext);
}
