import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { listJobs, readJob, readQueueSummaries, discoverQueues } from '../../lib/queues';
import { connectionOptions, deletePrefix, testRedis, uniquePrefix } from '../helpers/redis';

const prefix = uniquePrefix('bad');
let redis: Redis;

beforeAll(async () => {
  redis = testRedis();
  const queue = new Queue('broken', { connection: connectionOptions(), prefix });
  await queue.add('fine', { ok: true }, { jobId: 'good' });
  await queue.close();
  // Damage written behind BullMQ's back, as a buggy client or a manual edit would.
  await redis.hset(`${prefix}:broken:bad-json`, { name: 'oops', data: '{not json', timestamp: 'yesterday', opts: '{' });
  await redis.lpush(`${prefix}:broken:wait`, 'bad-json', 'no-hash');
  await redis.set(`${prefix}:broken:failed`, 'a string where a zset belongs');
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('malformed data under BullMQ keys', () => {
  it('still summarises the queue and reports the unreadable key', async () => {
    const refs = await discoverQueues(redis, [prefix]);
    expect(refs).toEqual([{ prefix, name: 'broken' }]);
    const [summary] = await readQueueSummaries(redis, refs);
    expect(summary?.counts.waiting).toBe(3);
    expect(summary?.counts.failed).toBe(0);
    expect(summary?.problems).toEqual([expect.stringMatching(/^failed: WRONGTYPE/)]);
  });

  it('lists damaged jobs with a description of what is wrong', async () => {
    const page = await listJobs(redis, { prefix, name: 'broken' }, 'waiting', { offset: 0, limit: 10 });
    const byId = Object.fromEntries(page.jobs.map((job) => [job.id, job]));
    expect(byId.good?.malformed).toBeNull();
    expect(byId['bad-json']?.malformed).toBe('data is not valid JSON, timestamp is not a number, opts is not valid JSON');
    expect(byId['bad-json']?.timestamp).toBeNull();
    expect(byId['no-hash']?.malformed).toBe('job hash is missing');
  });

  it('shows the raw text of fields that are not JSON', async () => {
    const job = await readJob(redis, { prefix, name: 'broken' }, 'bad-json');
    expect(job).toMatchObject({ state: 'waiting', data: '{not json', opts: '{', invalidJsonFields: ['opts', 'data'] });
  });
});
