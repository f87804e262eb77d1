import type { BatchState } from '@/lib/batches/progress';

export const BATCH_STATE_LABEL: Record<BatchState, string> = {
  running: 'running',
  finished: 'finished',
  failed: 'finished with failures',
  cancelled: 'cancelled',
};

export const BATCH_STATE_BADGE: Record<BatchState, string> = {
  running: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
  finished: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200',
  failed: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  cancelled: 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
};

/** Which operator actions a batch allows: retry while it has failures and is not cancelled, cancel until it finished. */
export function batchActions(batch: { failed: number; cancelled: boolean; finished: boolean }): ('retry' | 'cancel')[] {
  const actions: ('retry' | 'cancel')[] = [];
  if (batch.failed > 0 && !batch.cancelled) actions.push('retry');
  if (!batch.finished && !batch.cancelled) actions.push('cancel');
  return actions;
}

/** "18 of 20 done · 2 failed", the line under a batch's bar. */
export function describeBatchCounts(batch: { total: number; pending: number; failed: number }): string {
  const done = batch.total - batch.pending;
  const failed = batch.failed > 0 ? ` · ${batch.failed.toLocaleString('en-US')} failed` : '';
  return `${done.toLocaleString('en-US')} of ${batch.total.toLocaleString('en-US')} done${failed}`;
}
