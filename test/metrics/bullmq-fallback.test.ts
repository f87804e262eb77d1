import { Queue, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as metricsRoute from '@/app/api/metrics/route';
import * as jobNamesRoute from '@/app/api/metrics/job-names/route';
import * as summaryRoute from '@/app/api/metrics/summary/route';
import { buildTiers, createMetricsSampler, type MetricPoint } from '@/lib/metrics';
import { bullMetricsKey } from '@/lib/redis';
import { Monitor } from '@/lib/monitor';
import { callRoute } from '../api/call-route';
import { nearestRank, withinPrecision } from '../helpers/metrics';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';

const prefix = uniquePrefix('plain');
const namespace = uniquePrefix('plain-ns');
const redis = testRedis();
const connection = connectionOptions();
const closers: Array<() => Promise<void>> = [];
/** The longest run time of the first test's jobs, as BullMQ recorded it. */
let slowestRun = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A monitor driven by hand: each tick() samples queues and reads what plain BullMQ workers finished. */
function monitorAt(clock: () => number) {
  const sampler = createMetricsSampler({ redis, prefixes: [prefix], namespace, tiers: buildTiers(), discoveryMaxAgeMs: 0, fallback: { lagMs: 0 } });
  return new Monitor({ tasks: [sampler], intervalMs: 60_000, clock, log: () => undefined });
}

async function points(query: string): Promise<MetricPoint[]> {
  const { status, body } = await callRoute(metricsRoute.GET, `/api/metrics?${query}`, {});
  expect(status).toBe(200);
  return body.points as MetricPoint[];
}

const sum = (list: MetricPoint[], field: 'completed' | 'failed') => list.reduce((total, point) => total + point[field], 0);

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  process.env.LOOKOUT_KEY_PREFIX = namespace;
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await deletePrefix(redis, prefix);
  await deletePrefix(redis, namespace);
  redis.disconnect();
});

describe('metrics of plain BullMQ queues (the monitor’s fallback)', () => {
  it('reads counts, run time and wait percentiles from finished jobs', async () => {
    const queue = new Queue('reports', { connection, prefix });
    closers.push(() => queue.close());
    const now = Date.now();
    // Waits set through the job timestamp (8 jobs enqueued 2 s ago, 2 enqueued 10 s ago), run times by sleeping.
    await queue.addBulk([
      ...Array.from({ length: 8 }, (_, i) => ({ name: 'fast', data: { ms: 100 }, opts: { jobId: `fast-${i}`, timestamp: now - 2000 } })),
      ...Array.from({ length: 2 }, (_, i) => ({ name: 'slow', data: { ms: 400 }, opts: { jobId: `slow-${i}`, timestamp: now - 10_000 } })),
      { name: 'flaky', data: { ms: 0, fail: true }, opts: { jobId: 'flaky-0', timestamp: now - 2000 } },
    ]);
    const worker = new Worker(
      'reports',
      async (job: Job) => {
        await sleep(job.data.ms as number);
        if (job.data.fail) throw new Error('upstream refused');
      },
      { connection, prefix, concurrency: 20 },
    );
    closers.push(() => worker.close());
    await waitFor(async () => (await queue.getCompletedCount()) === 10 && (await queue.getFailedCount()) === 1, 15_000, 'all jobs to finish');

    const result = await monitorAt(() => Date.now()).tick();
    expect(result).toMatchObject({ leader: true, failures: [] });

    // The truth, from BullMQ's own timestamps: a busy machine stretches the sleeps, never the bookkeeping.
    const finished = (await queue.getJobs(['completed', 'failed'])).map((job) => ({
      name: job.name,
      minute: Math.floor((job.finishedOn ?? 0) / 60_000) * 60_000,
      runtime: (job.finishedOn ?? 0) - (job.processedOn ?? 0),
      wait: (job.processedOn ?? 0) - job.timestamp,
    }));
    slowestRun = Math.max(...finished.map((job) => job.runtime));

    const list = await points('queue=reports&range=3600');
    expect(sum(list, 'completed')).toBe(10);
    expect(sum(list, 'failed')).toBe(1);
    // Each point holds the jobs that finished in its minute (they may straddle a minute boundary).
    for (const point of list.filter((p) => p.completed + p.failed > 0)) {
      const inMinute = finished.filter((job) => job.minute === point.t);
      expect(point.completed + point.failed).toBe(inMinute.length);
      expect(withinPrecision(point.runtimeP50, nearestRank(inMinute.map((job) => job.runtime), 0.5))).toBe(true);
      expect(withinPrecision(point.runtimeP95, nearestRank(inMinute.map((job) => job.runtime), 0.95))).toBe(true);
      expect(withinPrecision(point.waitP50, nearestRank(inMinute.map((job) => job.wait), 0.5))).toBe(true);
      expect(withinPrecision(point.waitP95, nearestRank(inMinute.map((job) => job.wait), 0.95))).toBe(true);
      expect(point.runtimeMax).toBe(Math.max(...inMinute.map((job) => job.runtime)));
    }

    const names = await callRoute(jobNamesRoute.GET, '/api/metrics/job-names?queue=reports&range=3600', {});
    const rows = names.body.jobNames as Array<Record<string, unknown>>;
    expect(rows.map((row) => [row.name, row.completed, row.failed])).toEqual([
      ['fast', 8, 0],
      ['slow', 2, 0],
      ['flaky', 0, 1],
    ]);
    for (const row of rows) {
      const ofName = finished.filter((job) => job.name === row.name);
      expect(withinPrecision(row.runtimeP95Ms, nearestRank(ofName.map((job) => job.runtime), 0.95))).toBe(true);
      expect(withinPrecision(row.waitP95Ms, nearestRank(ofName.map((job) => job.wait), 0.95))).toBe(true);
    }
    // And the truth is what the jobs were made to be, give or take the machine.
    expect(nearestRank(finished.filter((job) => job.name === 'slow').map((job) => job.wait), 0.5)).toBeGreaterThanOrEqual(10_000);
    expect(nearestRank(finished.filter((job) => job.name === 'slow').map((job) => job.runtime), 0.5)).toBeGreaterThanOrEqual(400);
  });

  it('counts each finished job once, however many ticks read the queue', async () => {
    const monitor = monitorAt(() => Date.now());
    await monitor.tick();
    await monitor.tick();
    expect(sum(await points('queue=reports&range=3600'), 'completed')).toBe(10);
  });

  it('samples queue sizes, oldest wait and workers on every tick', async () => {
    const backlog = new Queue('backlog', { connection, prefix });
    closers.push(() => backlog.close());
    await backlog.addBulk([1, 2, 3].map((n) => ({ name: 'later', data: { n }, opts: { timestamp: Date.now() - 30_000 } })));
    await backlog.add('vip', {}, { priority: 1 });
    await monitorAt(() => Date.now()).tick();
    const sampled = (await points('queue=backlog&range=900')).filter((point) => point.waiting !== null);
    expect(sampled[sampled.length - 1]).toMatchObject({ waiting: 3, prioritized: 1, active: 0, workers: 0 });
    expect(sampled[sampled.length - 1]?.oldestWaitMs).toBeGreaterThanOrEqual(30_000);

    const summary = await callRoute(summaryRoute.GET, '/api/metrics/summary?queue=backlog', {});
    expect(summary.body).toMatchObject({ queues: [{ name: 'backlog', backlog: 4, drainEtaMs: null }] });
  });

  it('uses BullMQ’s own counter for jobs removed on completion', async () => {
    const queue = new Queue('ephemeral', { connection, prefix });
    closers.push(() => queue.close());
    await queue.add('seed', {}, { removeOnComplete: true });
    const worker = new Worker('ephemeral', async () => undefined, { connection, prefix, metrics: { maxDataPoints: 60 }, removeOnComplete: { count: 0 } });
    closers.push(() => worker.close());
    await waitFor(async () => Number(await redis.hget(bullMetricsKey(prefix, 'ephemeral', 'completed'), 'count')) === 1, 10_000, 'the seed job');
    const monitor = monitorAt(() => Date.now());
    await monitor.tick(); // first sight: the counter becomes the baseline
    await queue.addBulk(Array.from({ length: 5 }, (_, i) => ({ name: 'gone', data: { i } })));
    await waitFor(async () => Number(await redis.hget(bullMetricsKey(prefix, 'ephemeral', 'completed'), 'count')) === 6, 10_000, 'five more jobs');
    expect(await queue.getCompletedCount()).toBe(0);
    await monitor.tick();
    expect(sum(await points('queue=ephemeral&range=3600'), 'completed')).toBe(5);
  });

  it('answers the headline numbers for all queues', async () => {
    const { status, body } = await callRoute(summaryRoute.GET, '/api/metrics/summary', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ jobsPastHour: 16, failedPastHour: 1, failedPastSevenDays: 1 });
    expect(body.maxRuntimeMs).toBe(slowestRun);
    expect(body.maxWaitMs as number).toBeGreaterThanOrEqual(30_000);
  });
});
