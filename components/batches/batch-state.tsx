import type { BatchState } from '@/lib/batches/progress';
import { BATCH_STATE_BADGE, BATCH_STATE_LABEL } from './batch-format';

export function BatchStateBadge({ state }: { state: BatchState }) {
  return (
    <span data-testid="batch-state" data-state={state} className={`whitespace-nowrap rounded px-2 py-0.5 text-xs ${BATCH_STATE_BADGE[state]}`}>
      {BATCH_STATE_LABEL[state]}
    </span>
  );
}
