import type { OperationView } from '@/lib/operations/types';
import type { BulkAction } from '@/lib/queues/actions/bulk';
import { formatCount } from '../format';

/** The words for each action, so buttons, dialogs, progress and toasts say the same thing. */
export const ACTION_WORDS: Record<BulkAction, { verb: string; doing: string; done: string }> = {
  retry: { verb: 'Retry', doing: 'Retrying', done: 'Retried' },
  delete: { verb: 'Delete', doing: 'Deleting', done: 'Deleted' },
  promote: { verb: 'Promote', doing: 'Promoting', done: 'Promoted' },
};

export const jobsWord = (count: number) => `${formatCount(count)} job${count === 1 ? '' : 's'}`;

/** 0..100: matching counts as the first step, applying fills the bar; an ended operation is full. */
export function operationPercent(operation: OperationView): number {
  if (operation.state !== 'running') return 100;
  if (operation.phase === 'matching' || operation.total === 0) return 0;
  return Math.min(100, ((operation.done + operation.failed) / operation.total) * 100);
}

export function describeOperation(operation: OperationView): string {
  const words = ACTION_WORDS[operation.action];
  const skipped = operation.failed ? `, ${formatCount(operation.failed)} skipped (moved, gone or locked)` : '';
  switch (operation.state) {
    case 'running':
      if (operation.phase === 'matching') return `Finding the matching jobs: scanned ${formatCount(operation.scanned)} of ${formatCount(operation.scanTotal)}`;
      return `${words.doing}: ${formatCount(operation.done + operation.failed)} of ${jobsWord(operation.total)}${skipped}${operation.cancelRequested ? ' — stopping' : ''}`;
    case 'done':
      return `${words.done} ${jobsWord(operation.done)}${skipped}.`;
    case 'cancelled':
      return `Cancelled${operation.cancelledBy ? ` by ${operation.cancelledBy}` : ''}: ${words.done.toLowerCase()} ${formatCount(operation.done)} of ${jobsWord(operation.total)}.`;
    case 'failed':
      return `Stopped after ${formatCount(operation.done)} of ${jobsWord(operation.total)}: ${operation.error ?? 'unknown error'}`;
  }
}

