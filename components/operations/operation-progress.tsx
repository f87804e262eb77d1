'use client';

import { useEffect, useRef, useState } from 'react';
import type { OperationView } from '@/lib/operations/types';
import { useApi } from '../api/hooks';
import { cancelOperation, useOperation } from '../api/search-hooks';
import { useToast } from '../ui/toast';
import { describeOperation, operationPercent } from './describe';

/** One background operation: what it does, a progress bar, Cancel while it runs; it reports its end once. */
export function OperationProgress({ id, canCancel, onEnded, onDismiss }: { id: string; canCancel: boolean; onEnded(operation: OperationView): void; onDismiss(): void }) {
  const { data: operation, error } = useOperation(id);
  const api = useApi();
  const toast = useToast();
  const [cancelling, setCancelling] = useState(false);
  const reported = useRef(false);
  useEffect(() => {
    if (!operation || operation.state === 'running' || reported.current) return;
    reported.current = true;
    onEnded(operation);
  }, [operation, onEnded]);
  if (!operation) return error ? null : <div className="h-12" />;
  const running = operation.state === 'running';
  const percent = operationPercent(operation);
  const cancel = async () => {
    setCancelling(true);
    try {
      const result = await cancelOperation(api, id);
      toast({ kind: 'success', message: describeOperation(result) });
    } catch (failure) {
      toast({ kind: 'error', message: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setCancelling(false);
    }
  };
  return (
    <div data-testid="operation" data-operation-id={id} data-state={operation.state} className="flex items-center gap-3 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <div className="min-w-0 flex-1">
        <p className="truncate" data-testid="operation-text">
          {describeOperation(operation)}
        </p>
        <p className="truncate text-xs text-slate-500">
          {operation.query.state} jobs{operation.query.q ? ` matching “${operation.query.q}”` : ''} in {operation.queue}, asked by {operation.requestedBy}
        </p>
        <div className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" role="progressbar" data-testid="operation-progress" aria-valuenow={Math.round(percent)} aria-valuemin={0} aria-valuemax={100}>
          <div className={`h-full ${operation.state === 'failed' ? 'bg-red-500' : operation.state === 'cancelled' ? 'bg-amber-500' : 'bg-sky-500'}`} style={{ width: `${percent}%` }} />
        </div>
      </div>
      <span className="w-12 text-right text-xs tabular-nums text-slate-500">{Math.round(percent)} %</span>
      {running && canCancel ? (
        <button type="button" data-testid="operation-cancel" disabled={cancelling || operation.cancelRequested} onClick={() => void cancel()} className="rounded border px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-40 dark:border-slate-700 dark:text-red-400 dark:hover:bg-red-950">
          Cancel
        </button>
      ) : null}
      {!running ? (
        <button type="button" aria-label="Dismiss" data-testid="operation-dismiss" className="opacity-60 hover:opacity-100" onClick={onDismiss}>
          ×
        </button>
      ) : null}
    </div>
  );
}
