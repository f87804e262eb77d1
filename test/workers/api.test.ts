import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as route from '@/app/api/workers/route';
import { requestRestart, setSupervisorPaused, writeWorkerHeartbeat, type WorkerView } from '@/lib/workers';
import { defineJob, type WorkerRuntime } from '@/workers';
import { callRoute } from '../api/call-route';
import { testRedis, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';
import { deleteTestKeys, Workers } from './helpers';

const prefix = uniquePrefix('hb');
const redis = testRedis();
const workers = new Workers(prefix);
const noop = defineJob({ name: 'noop', queue: 'mail', handle: () => undefined });
let plain: Worker;
let runtime: WorkerRuntime;

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  plain = new Worker('reports', async () => undefined, { connection: { url: testRedisUrl() }, prefix, name: 'legacy-reporter' });
  await plain.waitUntilReady();
  runtime = await workers.start({ queues: ['mail', 'reports'], jobs: [noop], concurrency: 3, supervisor: 'mailers' });
});

afterAll(async () => {
  await workers.stopAll();
  await plain.close();
  await deleteTestKeys(redis, prefix);
  redis.disconnect();
});

async function listWorkers(): Promise<WorkerView[]> {
  const { status, body } = await callRoute(route.GET, '/api/workers', {});
  expect(status).toBe(200);
  return body.workers as WorkerView[];
}

describe('GET /api/workers', () => {
  it('lists a running worker from its heartbeat, and a plain BullMQ worker marked as such', async () => {
    const list = await listWorkers();
    expect(list.find((worker) => worker.id === runtime.id)).toMatchObject({
      source: 'lookout',
      prefix,
      pid: process.pid,
      queues: ['mail', 'reports'],
      concurrency: 3,
      active: 0,
      status: 'running',
      supervisor: 'mailers',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    const bull = list.filter((worker) => worker.source === 'bullmq');
    expect(bull).toEqual([expect.objectContaining({ queues: ['reports'], name: 'legacy-reporter', status: 'running', lastHeartbeatAt: null })]);
  });

  it('shows a worker whose heartbeats stopped as stale, until its heartbeat expires', async () => {
    const now = Date.now();
    await writeWorkerHeartbeat(redis, {
      ...runtime.snapshot(now - 4000),
      id: 'gone-quiet',
      heartbeatIntervalMs: 1000,
    });
    const quiet = (await listWorkers()).find((worker) => worker.id === 'gone-quiet');
    expect(quiet?.status).toBe('stale');
  });

  it('reports paused while the supervisor is paused, and running again after continue', async () => {
    await setSupervisorPaused(redis, prefix, 'mailers', true);
    await waitFor(async () => (await listWorkers()).find((worker) => worker.id === runtime.id)?.status === 'paused', 10_000, 'paused');
    expect(runtime.isPaused).toBe(true);
    await setSupervisorPaused(redis, prefix, 'mailers', false);
    await waitFor(async () => (await listWorkers()).find((worker) => worker.id === runtime.id)?.status === 'running', 10_000, 'running');
  });

  it('queue:restart makes a worker stop after its current job', async () => {
    await requestRestart(redis, prefix);
    expect(await runtime.finished).toBe('restart');
    await waitFor(async () => !(await listWorkers()).some((worker) => worker.id === runtime.id), 5000, 'its heartbeat to go');
  });
});
