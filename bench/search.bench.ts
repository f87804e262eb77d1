import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { compileFilter, previewMatches, searchJobs, STEP_BUDGET_MICROS, type JobQuery, type QueueRef } from '../lib/queues';
import { startRedisServer } from '../lib/redis';
import { writeFailedJobs } from '../test/helpers/failed-jobs';
import { summarize, type LatencySummary } from './support/percentiles';
import type { BenchRow } from './types';

const COUNT = 200_000;
const SUITE = 'search';
const ref: QueueRef = { prefix: 'bull', name: 'big' };

/**
 * PINGs back to back on a connection of its own while `work` runs: how long any other Redis client waits while a
 * scan is in progress (every scan step is one short script call).
 */
async function pingWhile(url: string, work: () => Promise<unknown>): Promise<{ ping: LatencySummary; durationMs: number }> {
  const pinger = new Redis(url);
  await pinger.ping();
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await pinger.ping();
      samples.push(performance.now() - started);
    }
  })();
  const started = performance.now();
  await work();
  const durationMs = performance.now() - started;
  running = false;
  await loop;
  pinger.disconnect();
  return { ping: summarize(samples), durationMs };
}

/** A whole search as the dashboard runs it: request after request (each with its time budget) until the end. */
async function searchToTheEnd(redis: Redis, query: JobQuery): Promise<number> {
  let found = 0;
  for (let offset = 0; ; ) {
    const page = await searchJobs(redis, ref, compileFilter(query, Date.now()), { offset, limit: 50 });
    found += page.jobs.length;
    if (!page.nextCursor) return found;
    offset = Number(page.nextCursor);
  }
}

/** Redis's own time per scan step (one EVAL per 1,000-job window), from INFO commandstats. */
async function evalMicrosPerCall(redis: Redis): Promise<number> {
  const line = (await redis.info('commandstats')).split('\n').find((row) => row.startsWith('cmdstat_eval:'));
  return Number(/usec_per_call=([\d.]+)/.exec(line ?? '')?.[1] ?? 0);
}

/**
 * Scans 200,000 failed jobs (a data field, then a failure-reason substring) while another connection PINGs Redis
 * back to back. Target: PING p99 under 10 ms during the scan.
 */
export default async function search(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-'));
  const server = await startRedisServer({ dir });
  const redis = new Redis(server.url);
  try {
    await writeFailedJobs(redis, ref.prefix, ref.name, COUNT, {
      data: (i) => ({ userId: 100_000 + i, email: `user${i}@example.com`, plan: i % 2 ? 'pro' : 'free' }),
      failedReason: (i) => (i % 2 ? 'Partner API answered 503' : `card declined for order ${i}`),
    });
    const idle = await pingWhile(server.url, () => new Promise((resolve) => setTimeout(resolve, 2000)));
    await redis.config('RESETSTAT');
    let found = 0;
    const byData = await pingWhile(server.url, async () => {
      found = await searchToTheEnd(redis, { state: 'failed', q: 'data.userId=234567' });
    });
    const perWindowUs = await evalMicrosPerCall(redis);
    if (found !== 1) throw new Error(`the data search found ${found} jobs instead of 1`);
    let matched = 0;
    const byReason = await pingWhile(server.url, async () => {
      matched = (await previewMatches(redis, ref, compileFilter({ state: 'failed', q: 'card declined' }, Date.now()))).matched;
    });
    if (matched !== COUNT / 2) throw new Error(`the preview counted ${matched} instead of ${COUNT / 2}`);
    const scanned = COUNT.toLocaleString('en-US');
    return [
      { suite: SUITE, metric: 'PING p99, idle', value: idle.ping.p99, unit: 'ms', note: `${idle.ping.samples} pings` },
      {
        suite: SUITE,
        metric: `PING p99 while searching ${scanned} jobs by a data field`,
        value: byData.ping.p99,
        unit: 'ms',
        baseline: idle.ping.p99,
        ratio: byData.ping.p99 / Math.max(idle.ping.p99, 0.001),
        target: '< 10 ms',
        met: byData.ping.p99 < 10,
        note: `p50 ${byData.ping.p50.toFixed(2)} ms, max ${byData.ping.max.toFixed(1)} ms, ${byData.ping.samples} pings; ratio vs idle`,
      },
      { suite: SUITE, metric: `search ${scanned} jobs by a data field`, value: byData.durationMs / 1000, unit: 's', note: `${Math.round(COUNT / (byData.durationMs / 1000)).toLocaleString('en-US')} jobs/s, request after request` },
      { suite: SUITE, metric: 'Redis time per scan step (average)', value: perWindowUs / 1000, unit: 'ms', note: `EVAL usec_per_call; windows are sized to about ${STEP_BUDGET_MICROS} µs` },
      {
        suite: SUITE,
        metric: `PING p99 while counting a reason substring over ${scanned} jobs`,
        value: byReason.ping.p99,
        unit: 'ms',
        target: '< 10 ms',
        met: byReason.ping.p99 < 10,
        note: `preview of ${matched.toLocaleString('en-US')} matches in ${(byReason.durationMs / 1000).toFixed(2)} s`,
      },
    ];
  } finally {
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
