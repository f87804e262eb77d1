import type { QueueSummary } from '@/lib/queues/types';

export type QueueSortKey =
  | 'name'
  | 'waiting'
  | 'active'
  | 'delayed'
  | 'prioritized'
  | 'completed'
  | 'failed'
  | 'oldestWaitingAgeMs'
  | 'throughputPerMinute'
  | 'failureRate'
  | 'workers';

export interface QueueOrder {
  /** Case-insensitive part of the name (or prefix); empty shows every queue. */
  filter: string;
  sort: QueueSortKey;
  descending: boolean;
}

export const DEFAULT_QUEUE_ORDER: QueueOrder = { filter: '', sort: 'name', descending: false };

function valueOf(queue: QueueSummary, key: QueueSortKey): number | string | null {
  switch (key) {
    case 'name':
      return queue.name.toLowerCase();
    case 'oldestWaitingAgeMs':
      return queue.oldestWaitingAgeMs;
    case 'throughputPerMinute':
      return queue.throughputPerMinute;
    case 'failureRate':
      return queue.failureRate;
    case 'workers':
      return queue.workers;
    default:
      return queue.counts[key];
  }
}

/** The queues the table shows, in its order; queues without a value (no failure rate yet, nothing waiting) go last. */
export function orderQueues(queues: readonly QueueSummary[], order: QueueOrder): QueueSummary[] {
  const needle = order.filter.trim().toLowerCase();
  const shown = needle ? queues.filter((queue) => queue.name.toLowerCase().includes(needle) || queue.prefix.toLowerCase().includes(needle)) : [...queues];
  const direction = order.descending ? -1 : 1;
  return shown.sort((a, b) => {
    const left = valueOf(a, order.sort);
    const right = valueOf(b, order.sort);
    if (left === null || right === null) return left === right ? a.name.localeCompare(b.name) : left === null ? 1 : -1;
    const compared = typeof left === 'string' || typeof right === 'string' ? String(left).localeCompare(String(right)) : left - right;
    return compared * direction || a.name.localeCompare(b.name) || a.prefix.localeCompare(b.prefix);
  });
}

/** Clicking a column sorts by it; numbers start with the largest (what needs a look), names from A; a second click turns it. */
export function nextOrder(order: QueueOrder, key: QueueSortKey): QueueOrder {
  if (order.sort === key) return { ...order, descending: !order.descending };
  return { ...order, sort: key, descending: key !== 'name' };
}
