import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as queuesRoute from '@/app/api/metrics/queues/route';
import { MetricsRecorder, type QueueSeriesResponse } from '@/lib/metrics';
import { callRoute } from '../api/call-route';
import { finishedEvent } from '../helpers/metrics';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';

/** GET /api/metrics/queues: the busiest queues of a range, each with its own points, from what the recorder wrote. */
const prefix = uniquePrefix('byq');
const namespace = uniquePrefix('byq-ns');
const redis = testRedis();
const queues: Queue[] = [];
const finishedAt = Date.now() - 5_000;

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  process.env.LOOKOUT_NAMESPACE = namespace;
  for (const name of ['emails', 'images', 'quiet']) {
    const queue = new Queue(name, { connection: connectionOptions(), prefix });
    await queue.add('placeholder', {}, { delay: 3_600_000 });
    queues.push(queue);
  }
  const recorder = new MetricsRecorder({ redis, namespace, flushIntervalMs: 60_000 });
  const record = (queue: string, count: number, status: 'completed' | 'failed' = 'completed') => {
    for (let i = 0; i < count; i++) recorder.record(finishedEvent({ prefix, queue, jobName: 'job' }, { finishedAt, waitMs: 100, runtimeMs: 10 }, { status, final: true }));
  };
  record('emails', 9);
  record('emails', 3, 'failed');
  record('images', 4);
  await recorder.close();
});

afterAll(async () => {
  for (const queue of queues) await queue.close();
  await deletePrefix(redis, prefix);
  await deletePrefix(redis, namespace);
  redis.disconnect();
});

describe('GET /api/metrics/queues', () => {
  it('answers the busiest queues first, each with its own points, and leaves out queues with nothing finished', async () => {
    const { status, body } = await callRoute(queuesRoute.GET, '/api/metrics/queues?range=3600', {});
    expect(status).toBe(200);
    const answer = body as unknown as QueueSeriesResponse;
    expect(answer.queuesRead).toBe(3);
    expect(answer.queues.map((queue) => [queue.name, queue.finished])).toEqual([
      ['emails', 12],
      ['images', 4],
    ]);
    const emails = answer.queues[0]?.points ?? [];
    expect(emails.reduce((sum, point) => sum + point.failed, 0)).toBe(3);
    expect(emails.length).toBeGreaterThan(50);
    expect(answer.step).toBe(60);
  });

  it('keeps to `limit`, and refuses a limit out of range naming the field', async () => {
    const { body } = await callRoute(queuesRoute.GET, '/api/metrics/queues?range=3600&limit=1', {});
    expect((body as unknown as QueueSeriesResponse).queues.map((queue) => queue.name)).toEqual(['emails']);
    const refused = await callRoute(queuesRoute.GET, '/api/metrics/queues?limit=21', {});
    expect(refused.status).toBe(400);
    expect(refused.body.error?.field).toBe('limit');
  });
});
