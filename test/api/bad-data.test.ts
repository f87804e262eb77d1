import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import * as queues from '@/app/api/queues/route';
import * as queue from '@/app/api/queues/[queue]/route';
import * as jobs from '@/app/api/queues/[queue]/jobs/route';
import * as job from '@/app/api/queues/[queue]/jobs/[id]/route';
import * as jobStatus from '@/app/api/queues/[queue]/jobs/[id]/status/route';
import * as batches from '@/app/api/batches/route';
import * as batchRoute from '@/app/api/batches/[id]/route';
import * as batchCancel from '@/app/api/batches/[id]/cancel/route';
import * as batchRetry from '@/app/api/batches/[id]/retry/route';
import { batchIndexKey, batchKey } from '@/lib/batches';
import { JOB_STATES } from '@/lib/queues';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';
import { callRoute } from './call-route';

const prefix = uniquePrefix('bad-data');
const redis = testRedis();
const ODD_NAMES = ['ünïcode 队列', 'with space', 'emoji 🚀', 'dots.and-dashes'];

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  for (const name of ODD_NAMES) {
    const q = new Queue(name, { connection: connectionOptions(), prefix });
    await q.add('job', { name });
    await q.close();
  }
  // A colon inside a queue name (BullMQ refuses it, other clients do not): discovered as written.
  await redis.hset(`${prefix}:a:b:meta`, 'version', 'other-client');
  await redis.lpush(`${prefix}:a:b:wait`, '1');
  await redis.hset(`${prefix}:a:b:1`, { name: 'colon', data: '{}', timestamp: String(Date.now()), parentKey: 'not-a-job-key' });
  // Its flow keys (children of a parent job) holding the wrong types.
  await redis.set(`${prefix}:a:b:1:dependencies`, 'not a set');
  await redis.lpush(`${prefix}:a:b:1:processed`, 'not a hash');
  // Every BullMQ key of one queue holding the wrong type.
  const wrong = (suffix: string) => `${prefix}:wrong:${suffix}`;
  await redis.hset(wrong('meta'), 'version', 'x');
  await redis.set(wrong('wait'), 'string');
  await redis.set(wrong('active'), 'string');
  await redis.lpush(wrong('delayed'), 'list');
  await redis.lpush(wrong('prioritized'), 'list');
  await redis.lpush(wrong('waiting-children'), 'list');
  await redis.set(wrong('completed'), 'string');
  await redis.hset(wrong('failed'), 'a', 'b');
  await redis.set(wrong('paused'), 'string');
  await redis.set(wrong('1'), 'a job that is a string');
  await redis.hset(wrong('1:logs'), 'x', 'y');
  // A batch index pointing at a record that is not a hash, and one at a record that is gone.
  await redis.zadd(batchIndexKey(prefix), Date.now(), 'damaged', Date.now() - 1, 'gone');
  await redis.set(batchKey(prefix, 'damaged'), 'not a hash');
  // A meta key that is not even a hash.
  await redis.set(`${prefix}:meta-string:meta`, 'oops');
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('bad data never becomes a 500', () => {
  it('lists every queue, odd names included, and reports unreadable keys', async () => {
    const { status, body } = await callRoute(queues.GET, '/api/queues', {});
    expect(status).toBe(200);
    const list = body.queues as Array<{ name: string; problems: string[] }>;
    expect(list.map((q) => q.name).sort()).toEqual([...ODD_NAMES, 'a:b', 'meta-string', 'wrong'].sort());
    expect(list.find((q) => q.name === 'wrong')?.problems.length).toBe(8);
  });

  it('answers every queue, state and job route with 200 or 404', async () => {
    const names = [...ODD_NAMES, 'a:b', 'meta-string', 'wrong'];
    for (const name of names) {
      expect((await callRoute(queue.GET, `/api/queues/${encodeURIComponent(name)}`, { queue: name })).status, name).toBe(200);
      for (const state of JOB_STATES) {
        const page = await callRoute(jobs.GET, `/api/queues/x/jobs?state=${state}`, { queue: name });
        expect(page.status, `${name} ${state}`).toBe(200);
      }
      for (const id of ['1', 'missing']) {
        const detail = await callRoute(job.GET, `/api/queues/x/jobs/${id}`, { queue: name, id });
        expect([200, 404], `${name} job ${id}`).toContain(detail.status);
        const status = await callRoute(jobStatus.GET, `/api/queues/x/jobs/${id}/status`, { queue: name, id });
        expect([200, 404], `${name} job ${id} status`).toContain(status.status);
      }
    }
  });

  it('lists batches past a damaged or vanished record, and answers 404 for them', async () => {
    const list = await callRoute(batches.GET, '/api/batches', {});
    expect(list.status).toBe(200);
    expect(list.body.batches).toEqual([]);
    for (const id of ['damaged', 'gone']) {
      const query = `?prefix=${encodeURIComponent(prefix)}`;
      expect((await callRoute(batchRoute.GET, `/api/batches/${id}${query}`, { id })).status, id).toBe(404);
      expect((await callRoute(batchCancel.POST, `/api/batches/${id}/cancel${query}`, { id }, { method: 'POST' })).status, `${id} cancel`).toBe(404);
      expect((await callRoute(batchRetry.POST, `/api/batches/${id}/retry${query}`, { id }, { method: 'POST' })).status, `${id} retry`).toBe(404);
    }
  });

  it('explains a state whose key has the wrong type', async () => {
    const { body } = await callRoute(jobs.GET, '/api/queues/wrong/jobs?state=failed', { queue: 'wrong' });
    expect(body).toMatchObject({ jobs: [], total: 0, problem: expect.stringMatching(/^failed: WRONGTYPE/) });
  });

  it('shows a job stored as the wrong type as malformed instead of failing', async () => {
    const { status, body } = await callRoute(job.GET, '/api/queues/wrong/jobs/1', { queue: 'wrong', id: '1' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: '1', state: 'unknown', malformed: expect.stringMatching(/^the job key is not a hash \(WRONGTYPE/), data: null });
    const colon = await callRoute(job.GET, '/api/queues/a:b/jobs/1', { queue: 'a:b', id: '1' });
    expect(colon.body).toMatchObject({ name: 'colon', state: 'waiting' });
  });
});
