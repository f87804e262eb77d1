import type { Redis } from 'ioredis';

export interface FailedJobShape {
  /** The job's data (default `{ i }`), for job `i` (0-based; its id is `i + 1`). */
  data?(i: number): unknown;
  /** Its failure reason (default `failure <i>`). */
  failedReason?(i: number): string;
}

/**
 * Writes failed jobs in BullMQ's exact layout (job hash + `failed` zset scored by finish time) with pipelines:
 * producing 100,000 real failures through a worker would take minutes. Job ids are 1..count, newest last.
 */
export async function writeFailedJobs(redis: Redis, prefix: string, queue: string, count: number, shape: FailedJobShape = {}): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < count; start += 5000) {
    const pipeline = redis.pipeline();
    const members: (string | number)[] = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) {
      const id = String(i + 1);
      const finishedOn = now - count + i;
      const data = JSON.stringify(shape.data ? shape.data(i) : { i });
      const failedReason = shape.failedReason ? shape.failedReason(i) : `failure ${i}`;
      pipeline.hset(`${prefix}:${queue}:${id}`, 'name', 'sync', 'data', data, 'opts', '{"attempts":1}', 'timestamp', finishedOn, 'processedOn', finishedOn, 'finishedOn', finishedOn, 'atm', 1, 'failedReason', failedReason);
      members.push(finishedOn, id);
    }
    // One ZADD per batch: a command per job would double the round-trip work of seeding.
    pipeline.zadd(`${prefix}:${queue}:failed`, ...members);
    await pipeline.exec();
  }
}
