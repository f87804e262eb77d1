import type { Redis } from 'ioredis';

/**
 * Writes failed jobs in BullMQ's exact layout (job hash + `failed` zset scored by finish time) with pipelines:
 * producing 100,000 real failures through a worker would take minutes. Job ids are 1..count, newest last.
 */
export async function writeFailedJobs(redis: Redis, prefix: string, queue: string, count: number): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < count; start += 5000) {
    const pipeline = redis.pipeline();
    for (let i = start; i < Math.min(count, start + 5000); i++) {
      const id = String(i + 1);
      const finishedOn = now - count + i;
      pipeline.hset(`${prefix}:${queue}:${id}`, {
        name: 'sync',
        data: JSON.stringify({ i }),
        opts: '{"attempts":1}',
        timestamp: finishedOn,
        processedOn: finishedOn,
        finishedOn,
        atm: 1,
        failedReason: `failure ${i}`,
      });
      pipeline.zadd(`${prefix}:${queue}:failed`, finishedOn, id);
    }
    await pipeline.exec();
  }
}
