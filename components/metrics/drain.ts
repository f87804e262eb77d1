import type { QueueWorkload } from '@/lib/metrics/types';
import { formatDuration } from '../format';

/** "0 s" with no backlog, "stalled" when jobs wait and none finish, otherwise the time at the current rate. */
export function formatDrainEta(queue: Pick<QueueWorkload, 'backlog' | 'drainEtaMs'>): string {
  if (queue.backlog === 0) return 'empty';
  if (queue.drainEtaMs === null) return 'stalled';
  return formatDuration(queue.drainEtaMs);
}
