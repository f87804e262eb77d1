import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBullQueues, readQueueSummaries, retryJobs, BULK_CHUNK_SIZE, type BulkProgress } from '../../lib/queues';
import { writeFailedJobs } from '../helpers/failed-jobs';
import { deletePrefix, testRedis, uniquePrefix } from '../helpers/redis';

/** Correctness of a big bulk retry; how the API answers while it runs is measured in bench/bulk-retry.bench.ts. */
const prefix = uniquePrefix('bulk');
const redis = testRedis();
const ref = { prefix, name: 'sync' };
const COUNT = 20_000;

beforeAll(async () => {
  await writeFailedJobs(redis, prefix, 'sync', COUNT);
}, 60_000);

afterAll(async () => {
  await closeBullQueues(redis);
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe(`bulk retry of ${COUNT.toLocaleString('en-US')} failed jobs`, () => {
  it('moves every one to waiting in chunks, reporting progress', async () => {
    const progress: BulkProgress[] = [];
    const result = await retryJobs(redis, ref, 'failed', {}, (p) => progress.push(p));
    expect(result).toEqual({ count: COUNT, skipped: 0, scanned: COUNT });
    expect(progress).toHaveLength(COUNT / BULK_CHUNK_SIZE);
    expect(progress.map((p) => p.done)).toEqual(progress.map((_, index) => (index + 1) * BULK_CHUNK_SIZE));
    expect(progress.every((p) => p.total === COUNT)).toBe(true);

    const [summary] = await readQueueSummaries(redis, [ref]);
    expect(summary?.counts).toMatchObject({ failed: 0, waiting: COUNT });
    // Oldest failure first, FIFO: job 1 is the next to run.
    expect(await redis.lindex(`${prefix}:sync:wait`, -1)).toBe('1');
    expect(await redis.hget(`${prefix}:sync:1`, 'failedReason')).toBeNull();
  });
});
