import { Job, Queue } from 'bullmq';
import type { RedisClient } from '../../redis';
import type { QueueRef } from '../types';

/**
 * Actions go through BullMQ's own Lua scripts, so they stay atomic and agree with whatever BullMQ version
 * wrote the queue. One Queue per (connection, prefix, name) shares the caller's ioredis client.
 */
const queues = new WeakMap<RedisClient, Map<string, Queue>>();

export function bullQueue(redis: RedisClient, ref: QueueRef): Queue {
  let byName = queues.get(redis);
  if (!byName) {
    byName = new Map();
    queues.set(redis, byName);
  }
  const cacheKey = `${ref.prefix}\u0000${ref.name}`;
  let queue = byName.get(cacheKey);
  if (!queue) {
    queue = new Queue(ref.name, { connection: redis, prefix: ref.prefix });
    // Errors already surface through the rejected calls; without a listener they would also crash the process.
    queue.on('error', () => undefined);
    byName.set(cacheKey, queue);
  }
  return queue;
}

/** Closes the Queue objects made for a connection (their shared client stays open: its owner closes it). */
export async function closeBullQueues(redis: RedisClient): Promise<void> {
  const byName = queues.get(redis);
  queues.delete(redis);
  await Promise.all([...(byName?.values() ?? [])].map((queue) => queue.close()));
}

/**
 * A Job handle for calling BullMQ's per-job scripts without parsing the job's data (which may be huge or damaged).
 * Retrying only needs the `lifo` option, to put the job back at the right end of `wait`.
 */
export function jobHandle(queue: Queue, id: string, rawOpts: string | null): Job {
  let lifo = false;
  try {
    lifo = Job.optsFromJSON(rawOpts ?? undefined).lifo === true;
  } catch {
    // Damaged opts: retry FIFO rather than refuse.
  }
  return new Job(queue, '', {}, { lifo }, id);
}
