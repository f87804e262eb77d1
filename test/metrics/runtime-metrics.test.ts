import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as metricsRoute from '@/app/api/metrics/route';
import * as jobNamesRoute from '@/app/api/metrics/job-names/route';
import { MetricsRecorder, type MetricPoint } from '@/lib/metrics';
import { defineJob, dispatch } from '@/workers';
import { callRoute } from '../api/call-route';
import { deletePrefix, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';
import { runtimeTestbed, sleep } from '../workers/helpers';

/** Known jobs with known run times, processed by the real worker runtime writing to the real metrics store. */
const { prefix, redis, workers } = runtimeTestbed('rt-metrics');
const namespace = uniquePrefix('rt-metrics-ns');
let done = 0;

const quick = defineJob({ name: 'quick', queue: 'measured', handle: async () => void (await sleep(20), done++) });
const slow = defineJob({ name: 'slow', queue: 'measured', handle: async () => void (await sleep(400), done++) });
const broken = defineJob({
  name: 'broken',
  queue: 'measured',
  tries: 1,
  handle: () => {
    done++;
    throw new Error('always fails');
  },
});

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  process.env.LOOKOUT_KEY_PREFIX = namespace;
  const recorder = new MetricsRecorder({ redis, namespace });
  const runtime = await workers.start({ queues: ['measured'], jobs: [quick, slow, broken], concurrency: 4, metrics: recorder });
  for (let i = 0; i < 6; i++) await dispatch(quick, {});
  for (let i = 0; i < 2; i++) await dispatch(slow, {});
  await dispatch(broken, {});
  await waitFor(async () => done === 9, 20_000, 'nine jobs to run');
  await runtime.stop(0);
  await recorder.close();
});

afterAll(async () => {
  await deletePrefix(redis, namespace);
});

describe('metrics written by the worker runtime', () => {
  it('counts completed and failed jobs and reads run times back within bucket precision', async () => {
    const { status, body } = await callRoute(metricsRoute.GET, '/api/metrics?queue=measured&range=900', {});
    expect(status).toBe(200);
    const points = body.points as MetricPoint[];
    expect(points.reduce((sum, point) => sum + point.completed, 0)).toBe(8);
    expect(points.reduce((sum, point) => sum + point.failed, 0)).toBe(1);
    const maxRuntime = Math.max(...points.map((point) => point.runtimeMax ?? 0));
    // The slow jobs slept 400 ms; a histogram bucket is within about 9 % of the value it holds.
    expect(maxRuntime).toBeGreaterThanOrEqual(400 * 0.9);
  });

  it('splits the numbers per job name', async () => {
    const { body } = await callRoute(jobNamesRoute.GET, '/api/metrics/job-names?queue=measured&range=900', {});
    const rows = Object.fromEntries((body.jobNames as Array<{ name: string; completed: number; failed: number; runtimeP95Ms: number }>).map((row) => [row.name, row]));
    expect(rows.quick).toMatchObject({ completed: 6, failed: 0 });
    expect(rows.slow).toMatchObject({ completed: 2, failed: 0 });
    expect(rows.broken).toMatchObject({ completed: 0, failed: 1 });
    expect(rows.slow?.runtimeP95Ms).toBeGreaterThanOrEqual(400 * 0.9);
    expect(rows.quick?.runtimeP95Ms).toBeLessThan(400 * 0.9);
  });
});
