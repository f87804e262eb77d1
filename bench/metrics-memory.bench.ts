import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ALL_QUEUES, buildTiers, emptyRecord, encodeRecord, querySeries, readQueueSeries, windowKey, withMergeScript, type MetricRecord, type Series, type Tier } from '../lib/metrics';
import { startRedisServer } from '../lib/redis';
import type { BenchRow } from './types';

const QUEUES = 100;
const JOB_NAMES_PER_QUEUE = 2;
const DAYS = 30;

/** A deterministic pseudo-random source, so every run stores the same data. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * A busy bucket: `jobs` jobs whose waits spread over `waitSpread` log buckets and run times over
 * `runtimeSpread` (about 12 and 10 for a minute, wider for 15 minutes), plus gauges for queue series.
 */
function syntheticRecord(random: () => number, jobs: number, waitSpread: number, runtimeSpread: number, gauges: boolean): MetricRecord {
  const record = emptyRecord();
  record.completed = Math.round(jobs * 0.97);
  record.failed = jobs - record.completed;
  record.retried = Math.round(jobs * 0.01);
  const fill = (histogram: Map<number, number>, first: number, spread: number) => {
    for (let bucket = first; bucket < first + spread; bucket++) histogram.set(bucket, 1 + Math.floor(random() * (jobs / spread) * 2));
  };
  fill(record.wait, 8 + Math.floor(random() * 8), waitSpread);
  fill(record.runtime, 24 + Math.floor(random() * 8), runtimeSpread);
  record.waitSumMs = jobs * 180 + Math.floor(random() * 10_000);
  record.waitMaxMs = 2000 + Math.floor(random() * 20_000);
  record.runtimeSumMs = jobs * 95 + Math.floor(random() * 10_000);
  record.runtimeMaxMs = 400 + Math.floor(random() * 4000);
  if (gauges) {
    record.gauges = { waiting: Math.floor(random() * 5000), prioritized: 0, active: Math.floor(random() * 50), delayed: Math.floor(random() * 20), failedTotal: 1000 + Math.floor(random() * 9000), oldestWaitMs: Math.floor(random() * 60_000), workers: 4 };
  }
  return record;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}

/** Fills one tier of one series for its whole retention, through the same merge script the recorder uses. */
async function fillTier(redis: Redis, series: Series, tier: Tier, now: number, random: () => number, gauges: boolean): Promise<void> {
  const pipeline = withMergeScript(redis).pipeline();
  const slotsPerWindow = tier.windowMs / tier.resolutionMs;
  const fine = tier.label === '1m';
  for (let windowStart = Math.floor((now - tier.retentionMs) / tier.windowMs) * tier.windowMs; windowStart <= now; windowStart += tier.windowMs) {
    const args: string[] = [];
    for (let slot = 0; slot < slotsPerWindow; slot++) {
      const slotStart = windowStart + slot * tier.resolutionMs;
      if (slotStart < now - tier.retentionMs || slotStart > now) continue;
      const record = fine ? syntheticRecord(random, 60, 12, 10, gauges) : syntheticRecord(random, 900, 16, 13, gauges);
      args.push(String(slot), encodeRecord(record));
    }
    if (args.length) pipeline.lookoutMergeRecords(windowKey('lookout', tier.label, series, windowStart), windowStart + tier.windowMs + tier.retentionMs, ...args);
  }
  await pipeline.exec();
}

async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

/**
 * Redis memory of the metrics store at steady state for 100 busy queues: every minute of the last 48 h holds a
 * 1-minute bucket and every quarter hour of the last 30 days a 15-minute bucket, for each queue, each of its two
 * job names and all queues together. Also the time to read 30 days of one queue (the ≤ 500 points a chart gets).
 */
export default async function metricsMemory(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-'));
  const server = await startRedisServer({ dir });
  const redis = new Redis(server.url);
  try {
    const tiers = buildTiers();
    const now = Date.now();
    const random = randomSource(42);
    const before = await usedMemory(redis);
    const series: Array<[Series, boolean]> = [[ALL_QUEUES, true]];
    for (let q = 0; q < QUEUES; q++) {
      const queue = `queue-${q}`;
      series.push([{ kind: 'queue', prefix: 'bull', queue }, true]);
      for (let n = 0; n < JOB_NAMES_PER_QUEUE; n++) series.push([{ kind: 'job', prefix: 'bull', queue, jobName: `job-${n}` }, false]);
    }
    for (const [each, gauges] of series) {
      await fillTier(redis, each, tiers.fine, now, random, gauges);
      await fillTier(redis, each, tiers.coarse, now, random, gauges);
    }
    const bytes = (await usedMemory(redis)) - before;
    const keys = await redis.dbsize();
    const perQueueDay = bytes / (QUEUES * DAYS);

    const context = { redis, namespace: 'lookout', tiers, now };
    const queue: Series = { kind: 'queue', prefix: 'bull', queue: 'queue-7' };
    const month = await medianMs(20, () => querySeries(context, queue, { lastMs: 30 * 86_400_000 }));
    const day = await medianMs(20, () => querySeries(context, queue, { lastMs: 86_400_000 }));
    const points = (await querySeries(context, queue, { lastMs: 30 * 86_400_000 })).points.length;
    // The Overview's "By queue" charts: every queue's series read to pick the 8 busiest.
    const refs = Array.from({ length: QUEUES }, (_, q) => ({ prefix: 'bull', name: `queue-${q}` }));
    const compareHour = await medianMs(5, () => readQueueSeries(context, refs, { lastMs: 3_600_000 }, 8));
    const compareDay = await medianMs(5, () => readQueueSeries(context, refs, { lastMs: 86_400_000 }, 8));
    const compareMonth = await medianMs(3, () => readQueueSeries(context, refs, { lastMs: 30 * 86_400_000 }, 8));
    return [
      { suite: 'metrics memory', metric: `100 queues × 30 days (2 job names each), steady state`, value: bytes / 2 ** 20, unit: 'MB', note: `${keys.toLocaleString('en-US')} keys; every minute busy` },
      { suite: 'metrics memory', metric: 'per queue-day (incl. its 2 job names)', value: perQueueDay / 1024, unit: 'KB' },
      { suite: 'metrics memory', metric: 'per busy series (a queue or a job name), full retention', value: bytes / series.length / 2 ** 20, unit: 'MB', note: '2,880 1-minute + 2,880 15-minute buckets' },
      { suite: 'metrics memory', metric: 'GET /api/metrics 30 d of a queue, p50 (read + build)', value: month, unit: 'ms', note: `${points} points`, target: '< 300 ms', met: month < 300 },
      { suite: 'metrics memory', metric: 'GET /api/metrics 24 h of a queue, p50 (read + build)', value: day, unit: 'ms' },
      { suite: 'metrics memory', metric: 'GET /api/metrics/queues 1 h, 100 queues → 8 busiest, p50', value: compareHour, unit: 'ms', target: '< 300 ms', met: compareHour < 300 },
      { suite: 'metrics memory', metric: 'GET /api/metrics/queues 24 h, 100 queues → 8 busiest, p50', value: compareDay, unit: 'ms', target: '< 300 ms', met: compareDay < 300 },
      { suite: 'metrics memory', metric: 'GET /api/metrics/queues 30 d, 100 queues → 8 busiest, p50', value: compareMonth, unit: 'ms', target: '< 300 ms', met: compareMonth < 300, note: 'ranked on the last day' },
    ];
  } finally {
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
