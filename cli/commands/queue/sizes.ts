import { getQueueDetail, getQueueOverview, type QueueCounts, type QueueSummary } from '../../../lib/queues';

export interface QueueSize {
  name: string;
  prefix: string;
  paused: boolean;
  /** Jobs ready to run (waiting + prioritized): the number the QueueLength alerts watch. */
  size: number;
  counts: QueueCounts;
}

function toSize(queue: QueueSummary): QueueSize {
  return { name: queue.name, prefix: queue.prefix, paused: queue.paused, size: queue.counts.waiting + queue.counts.prioritized, counts: queue.counts };
}

/** Sizes of every queue found under LOOKOUT_PREFIXES, or of one queue (NotFound when it does not exist). */
export async function readSizes(name?: string, prefix?: string): Promise<QueueSize[]> {
  if (name !== undefined) return [toSize(await getQueueDetail(name, prefix))];
  return (await getQueueOverview()).queues.map(toSize);
}
