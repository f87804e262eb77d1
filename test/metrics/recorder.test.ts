import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as metricsRoute from '@/app/api/metrics/route';
import * as jobNamesRoute from '@/app/api/metrics/job-names/route';
import * as prometheusRoute from '@/app/metrics/route';
import { MetricsRecorder, type MetricPoint } from '@/lib/metrics';
import { callRoute } from '../api/call-route';
import { finishedEvent, withinPrecision } from '../helpers/metrics';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';

const prefix = uniquePrefix('rec');
const namespace = uniquePrefix('rec-ns');
const redis = testRedis();
let queue: Queue;
const finishedAt = Date.now() - 5_000;

function total(points: MetricPoint[], field: 'completed' | 'failed' | 'retried'): number {
  return points.reduce((sum, point) => sum + point[field], 0);
}

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  process.env.LOOKOUT_KEY_PREFIX = namespace;
  // The queue must exist in BullMQ for the per-queue endpoints; a delayed job makes it so without running anything.
  queue = new Queue('emails', { connection: connectionOptions(), prefix });
  await queue.add('placeholder', {}, { delay: 3_600_000 });

  const recorder = new MetricsRecorder({ redis, namespace, flushIntervalMs: 60_000 });
  const multi = vi.spyOn(redis, 'multi');
  const base = { prefix, queue: 'emails' };
  for (let i = 0; i < 8; i++) recorder.record(finishedEvent({ ...base, jobName: 'welcome' }, { finishedAt, waitMs: 2000, runtimeMs: 100 }));
  for (let i = 0; i < 2; i++) recorder.record(finishedEvent({ ...base, jobName: 'receipt' }, { finishedAt, waitMs: 10_000, runtimeMs: 400 }));
  recorder.record(finishedEvent({ ...base, jobName: 'receipt' }, { finishedAt, waitMs: 2000, runtimeMs: 50 }, { status: 'failed', final: true }));
  recorder.record(finishedEvent({ ...base, jobName: 'welcome' }, { finishedAt, waitMs: 2000, runtimeMs: 60 }, { status: 'failed', final: false }));
  await recorder.close();
  // Twelve jobs, one transaction: far less than one round trip per job.
  expect(multi).toHaveBeenCalledTimes(1);
  multi.mockRestore();
});

afterAll(async () => {
  await queue.close();
  await deletePrefix(redis, prefix);
  await deletePrefix(redis, namespace);
  redis.disconnect();
});

describe('metrics recorded by the runtime (MetricsRecorder)', () => {
  it('answers the queue’s counts and percentiles within bucket precision', async () => {
    const { status, body } = await callRoute(metricsRoute.GET, `/api/metrics?queue=emails&range=3600`, {});
    expect(status).toBe(200);
    const points = body.points as MetricPoint[];
    expect(body).toMatchObject({ step: 60, resolution: '1m' });
    expect(points.length).toBeGreaterThanOrEqual(59);
    expect(total(points, 'completed')).toBe(10);
    expect(total(points, 'failed')).toBe(1);
    expect(total(points, 'retried')).toBe(1);
    const point = points.find((p) => p.completed > 0) as MetricPoint;
    expect(point.t).toBe(Math.floor(finishedAt / 60_000) * 60_000);
    // Run times 50, 60, 8 × 100, 2 × 400 ms; waits 10 × 2 s, 2 × 10 s.
    expect(withinPrecision(point.runtimeP50, 100)).toBe(true);
    expect(withinPrecision(point.runtimeP95, 400)).toBe(true);
    expect(withinPrecision(point.waitP50, 2000)).toBe(true);
    expect(withinPrecision(point.waitP95, 10_000)).toBe(true);
    expect(point.runtimeMax).toBe(400);
    expect(point.waitMax).toBe(10_000);
  });

  it('answers the same totals for all queues, and per job name', async () => {
    const all = await callRoute(metricsRoute.GET, `/api/metrics?range=3600`, {});
    expect(total(all.body.points as MetricPoint[], 'completed')).toBe(10);
    const welcome = await callRoute(metricsRoute.GET, `/api/metrics?queue=emails&jobName=welcome&range=3600`, {});
    const points = welcome.body.points as MetricPoint[];
    expect(total(points, 'completed')).toBe(8);
    expect(total(points, 'retried')).toBe(1);
    expect(withinPrecision(points.find((p) => p.completed > 0)?.runtimeP95, 100)).toBe(true);
  });

  it('lists job names with throughput, failure rate and run times', async () => {
    const { status, body } = await callRoute(jobNamesRoute.GET, `/api/metrics/job-names?queue=emails&range=3600`, {});
    expect(status).toBe(200);
    const rows = body.jobNames as Array<Record<string, number | string | null>>;
    expect(rows.map((row) => row.name)).toEqual(['welcome', 'receipt']);
    expect(rows[0]).toMatchObject({ completed: 8, failed: 0, retried: 1, failureRate: 0 });
    expect(rows[1]).toMatchObject({ completed: 2, failed: 1, failureRate: 1 / 3 });
    expect(rows[1]?.runtimeAvgMs).toBeCloseTo((400 + 400 + 50) / 3, 0);
    expect(withinPrecision(rows[1]?.runtimeP95Ms, 400)).toBe(true);
  });

  it('exports counters and histograms in the Prometheus text format', async () => {
    const response = await prometheusRoute.GET(new Request('http://localhost/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    expect(text).toContain(`lookout_jobs_completed_total{prefix="${prefix}",queue="emails"} 10`);
    expect(text).toContain(`lookout_jobs_failed_total{prefix="${prefix}",queue="emails"} 1`);
    expect(text).toContain(`lookout_job_runtime_seconds_count{prefix="${prefix}",queue="emails"} 12`);
    expect(text).toContain(`lookout_queue_jobs{prefix="${prefix}",queue="emails",state="delayed"} 1`);
  });

  it('rejects bad parameters with a 400 naming the field, and unknown queues with a 404', async () => {
    const cases: Array<[string, number, string | undefined]> = [
      ['/api/metrics?step=5', 400, 'step'],
      ['/api/metrics?from=2000&to=1000', 400, 'from'],
      ['/api/metrics?jobName=welcome', 400, 'jobName'],
      ['/api/metrics?queue=nope', 404, undefined],
    ];
    for (const [path, expected, field] of cases) {
      const { status, body } = await callRoute(metricsRoute.GET, path, {});
      expect(status).toBe(expected);
      if (field) expect(body.error?.field).toBe(field);
    }
    expect((await callRoute(jobNamesRoute.GET, '/api/metrics/job-names', {})).body.error?.field).toBe('queue');
  });
});
