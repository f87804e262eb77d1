import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as health from '@/app/api/health/route';
import * as queues from '@/app/api/queues/route';
import * as queue from '@/app/api/queues/[queue]/route';
import * as jobs from '@/app/api/queues/[queue]/jobs/route';
import * as job from '@/app/api/queues/[queue]/jobs/[id]/route';
import { seedEveryState } from '../helpers/fixtures';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';
import { callRoute } from './call-route';

const prefix = uniquePrefix('api');
const redis = testRedis();
let fixture: Awaited<ReturnType<typeof seedEveryState>>;
let seededAt: number;

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  seededAt = Date.now();
  fixture = await seedEveryState(connectionOptions(), prefix);
});

afterAll(async () => {
  await fixture.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('GET /api/health', () => {
  it('reports Redis up with the version', async () => {
    const { status, body } = await callRoute(health.GET as never, '/api/health', {});
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', redis: 'up', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});

describe('GET /api/queues', () => {
  it('lists every queue with the exact counts of each state', async () => {
    const { status, body } = await callRoute(queues.GET, '/api/queues', {});
    expect(status).toBe(200);
    const list = body.queues as Array<Record<string, unknown>>;
    expect(list.map((q) => q.name)).toEqual(['orders', 'orders-children', 'orders-paused']);

    const orders = list[0] as Record<string, unknown>;
    expect(orders).toMatchObject({
      name: 'orders',
      prefix,
      paused: false,
      counts: { waiting: 3, active: 1, delayed: 1, prioritized: 1, waitingChildren: 1, completed: 1, failed: 1 },
      // The fixture's processor-less worker is still connected.
      workers: 1,
      throughputPerMinute: 2,
      failureRate: 0.5,
      failureRateJobs: 2,
      problems: [],
    });
    // w1 was added after seeding started, so it has waited no longer than the test has run.
    expect(orders.oldestWaitingAgeMs).toBeGreaterThanOrEqual(0);
    expect(orders.oldestWaitingAgeMs).toBeLessThanOrEqual(Date.now() - seededAt);

    expect(list[1]).toMatchObject({ name: 'orders-children', counts: { waiting: 1 }, failureRate: null, throughputPerMinute: 0 });
    expect(list[2]).toMatchObject({ name: 'orders-paused', paused: true, counts: { waiting: 2, active: 0 } });
  });
});

describe('GET /api/queues/:queue', () => {
  it('answers one queue with its settings and (for now empty) alerts', async () => {
    const { status, body } = await callRoute(queue.GET, '/api/queues/orders', { queue: 'orders' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'orders', counts: { failed: 1 }, alerts: [], settings: { globalConcurrency: null, rateLimit: null } });
    expect((body.settings as { bullVersion: string }).bullVersion).toMatch(/^bullmq:/);
  });

  it('answers 404 for an unknown queue', async () => {
    const { status, body } = await callRoute(queue.GET, '/api/queues/nope', { queue: 'nope' });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'NotFound', message: expect.stringContaining('nope') });
  });

  it('answers 400 naming the field for an over-long queue name', async () => {
    const name = 'x'.repeat(300);
    const { status, body } = await callRoute(queue.GET, `/api/queues/${name}`, { queue: name });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'Invalid', field: 'queue' });
  });
});

describe('GET /api/queues/:queue/jobs', () => {
  const list = (state: string, extra = '') => callRoute(jobs.GET, `/api/queues/orders/jobs?state=${state}${extra}`, { queue: 'orders' });

  it.each([
    ['waiting', ['w1', 'w2', 'w3']],
    ['active', ['a1']],
    ['delayed', ['d1']],
    ['prioritized', ['p1']],
    ['waiting-children', ['parent1']],
    ['completed', ['c1']],
    ['failed', ['f1']],
  ])('lists %s jobs in display order', async (state, ids) => {
    const { status, body } = await list(state);
    expect(status).toBe(200);
    expect((body.jobs as Array<{ id: string }>).map((j) => j.id)).toEqual(ids);
    expect(body.total).toBe(ids.length);
    expect(body.nextCursor).toBeNull();
  });

  it('returns the contract fields of a failed job', async () => {
    const { body } = await list('failed');
    const [failed] = body.jobs as Array<Record<string, unknown>>;
    expect(failed).toMatchObject({
      id: 'f1',
      name: 'charge',
      state: 'failed',
      attemptsMade: 1,
      failedReason: 'card declined for order 2',
      malformed: null,
      dataPreview: '{"orderId":2}',
    });
    expect(failed?.timestamp).toBeGreaterThanOrEqual(seededAt);
    expect(failed?.processedOn).toBeGreaterThanOrEqual(failed?.timestamp as number);
    expect(failed?.finishedOn).toBeGreaterThanOrEqual(failed?.processedOn as number);
  });

  it('pages with a cursor', async () => {
    const first = await list('waiting', '&limit=2');
    expect((first.body.jobs as Array<{ id: string }>).map((j) => j.id)).toEqual(['w1', 'w2']);
    expect(first.body.nextCursor).toBe('2');
    const second = await list('waiting', `&limit=2&cursor=${first.body.nextCursor as string}`);
    expect((second.body.jobs as Array<{ id: string }>).map((j) => j.id)).toEqual(['w3']);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ['state=bogus', 'state'],
    ['state=failed&limit=0', 'limit'],
    ['state=failed&limit=abc', 'limit'],
    ['state=failed&cursor=-1', 'cursor'],
  ])('rejects %s with a 400 naming %s', async (query, field) => {
    const { status, body } = await callRoute(jobs.GET, `/api/queues/orders/jobs?${query}`, { queue: 'orders' });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'Invalid', field });
  });
});

describe('GET /api/queues/:queue/jobs/:id', () => {
  const detail = (id: string) => callRoute(job.GET, `/api/queues/orders/jobs/${id}`, { queue: 'orders', id });

  it('returns the full failed job: data, opts, reason, stacktrace, logs, attempts, timeline', async () => {
    const { status, body } = await detail('f1');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'f1',
      queue: 'orders',
      state: 'failed',
      data: { orderId: 2 },
      opts: { attempts: 1 },
      failedReason: 'card declined for order 2',
      logs: ['calling the payment provider'],
      logCount: 1,
      attempts: { made: 1, max: 1 },
      invalidJsonFields: [],
    });
    expect((body.stacktrace as string[])[0]).toContain('card declined for order 2');
    expect((body.timeline as Array<{ event: string }>).map((e) => e.event)).toEqual(['created', 'started', 'failed']);
  });

  it('returns the return value of a completed job and the progress of an active one', async () => {
    expect((await detail('c1')).body).toMatchObject({ state: 'completed', returnvalue: { charged: true } });
    expect((await detail('a1')).body).toMatchObject({ state: 'active', progress: 40 });
    expect((await detail('d1')).body).toMatchObject({ state: 'delayed', delayMs: 3_600_000 });
    expect((await detail('p1')).body).toMatchObject({ state: 'prioritized', priority: 3 });
    expect((await detail('parent1')).body).toMatchObject({ state: 'waiting-children' });
  });

  it('answers 404 for a job that does not exist', async () => {
    const { status, body } = await detail('missing');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'NotFound' });
  });
});
