import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as statusRoute from '@/app/api/queues/[queue]/jobs/[id]/status/route';
import { callRoute } from '../api/call-route';
import { seedEveryState } from '../helpers/fixtures';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';

/** GET /api/queues/:queue/jobs/:id/status, the cheap read applications poll, on a job in every state. */
const prefix = uniquePrefix('status');
const redis = testRedis();
let fixture: Awaited<ReturnType<typeof seedEveryState>>;

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  fixture = await seedEveryState(connectionOptions(), prefix);
});

afterAll(async () => {
  await fixture.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const status = (queue: string, id: string) => callRoute(statusRoute.GET, `/api/queues/${queue}/jobs/${id}/status`, { queue, id });

describe('GET /api/queues/:queue/jobs/:id/status', () => {
  it.each([
    ['orders', 'w1', { state: 'waiting', progress: 0 }],
    ['orders', 'a1', { state: 'active', progress: 40 }],
    ['orders', 'd1', { state: 'delayed', progress: 0 }],
    ['orders', 'p1', { state: 'prioritized', progress: 0 }],
    ['orders', 'parent1', { state: 'waiting-children', progress: 0 }],
    ['orders', 'c1', { state: 'completed', progress: 0, returnvalue: { charged: true } }],
    ['orders', 'f1', { state: 'failed', progress: 0, failedReason: 'card declined for order 2' }],
  ])('answers %s/%s with exactly its state and what applies to it', async (queue, id, expected) => {
    const { status: code, body } = await status(queue, id);
    expect(code).toBe(200);
    expect(body).toEqual(expected);
  });

  it('finds a waiting job of a paused queue', async () => {
    const [id] = await redis.lrange(`${prefix}:orders-paused:wait`, 0, 0);
    expect((await status('orders-paused', id!)).body).toMatchObject({ state: 'waiting' });
  });

  it('answers 404 for a job that is gone and for an unknown queue', async () => {
    const gone = await status('orders', 'no-such-job');
    expect(gone.status).toBe(404);
    expect(gone.body.error?.code).toBe('NotFound');
    expect((await status('no-such-queue', 'w1')).status).toBe(404);
  });
});
