import type { BatchView } from '@/lib/batches/types';
import { describeBatchCounts } from './batch-format';

/** A batch's bar: finished members in green, failed ones in red, and the percentage. */
export function BatchProgressBar({ batch }: { batch: Pick<BatchView, 'total' | 'pending' | 'failed' | 'progress'> }) {
  const failedShare = batch.total === 0 ? 0 : (batch.failed / batch.total) * 100;
  const doneShare = Math.max(0, batch.progress - failedShare);
  return (
    <div className="flex min-w-48 flex-col gap-1">
      <div className="flex items-center gap-2">
        <div
          className="flex h-2 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
          role="progressbar"
          aria-valuenow={batch.progress}
          aria-valuemin={0}
          aria-valuemax={100}
          data-testid="batch-progress"
          data-progress={batch.progress}
        >
          <div className="h-full bg-green-500" style={{ width: `${doneShare}%` }} />
          <div className="h-full bg-red-500" style={{ width: `${failedShare}%` }} />
        </div>
        <span className="w-12 text-right text-xs tabular-nums text-slate-500" data-testid="batch-percent">
          {batch.progress} %
        </span>
      </div>
      <span className="text-xs text-slate-500" data-testid="batch-counts">
        {describeBatchCounts(batch)}
      </span>
    </div>
  );
}
