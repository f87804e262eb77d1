import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { closeBullQueues, listJobs, readQueueSummaries, retryJobs, type QueueRef } from '../lib/queues';
import { FAIL_FAST_OPTIONS, startRedisServer } from '../lib/redis';
import { writeFailedJobs } from '../test/helpers/failed-jobs';
import type { BenchRow } from './types';

const COUNT = 100_000;
const SUITE = 'bulk retry';

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** What the dashboard asks every 3 s while someone looks at the queue: its summary and the first page of failed jobs. */
async function apiRead(redis: Redis, refs: QueueRef[]): Promise<void> {
  await readQueueSummaries(redis, refs);
  await listJobs(redis, refs[0] as QueueRef, 'failed', { offset: 0, limit: 50 });
}

/** Issues API reads back to back (10 ms apart) until `work` settles; returns the work's duration and the read latencies. */
async function measureWhile(redis: Redis, refs: QueueRef[], work: () => Promise<unknown>) {
  const latencies: number[] = [];
  let running = true;
  const reader = (async () => {
    while (running) {
      const started = performance.now();
      await apiRead(redis, refs);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const started = performance.now();
  await work();
  const durationMs = performance.now() - started;
  running = false;
  await reader;
  return { durationMs, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), reads: latencies.length };
}

/**
 * Retries 100,000 failed jobs with Lookout's bulk retry (one BullMQ reprocessJob call per job, 1,000 per chunk)
 * while the same process keeps serving API reads on the same connection, as the web server does; then does the
 * same with plain BullMQ's Queue.retryJobs (moveJobsToWait, 1,000 per call) as the baseline.
 */
export default async function bulkRetry(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-'));
  const server = await startRedisServer({ dir });
  // The web server's client options: commands fail fast instead of queueing while disconnected.
  const redis = new Redis(server.url, FAIL_FAST_OPTIONS);
  await new Promise((resolve) => redis.once('ready', resolve));
  const lookoutRefs: QueueRef[] = [{ prefix: 'bull', name: 'lookout' }, { prefix: 'bull', name: 'other' }];
  const bullRefs: QueueRef[] = [{ prefix: 'bull', name: 'plain' }, { prefix: 'bull', name: 'other' }];
  const plain = new Queue('plain', { connection: redis, prefix: 'bull' });
  try {
    await writeFailedJobs(redis, 'bull', 'other', 1000);
    await writeFailedJobs(redis, 'bull', 'lookout', COUNT);
    await writeFailedJobs(redis, 'bull', 'plain', COUNT);

    const idle = await measureWhile(redis, lookoutRefs, () => new Promise((resolve) => setTimeout(resolve, 2000)));
    let retried = 0;
    const lookout = await measureWhile(redis, lookoutRefs, async () => {
      retried = (await retryJobs(redis, lookoutRefs[0] as QueueRef, 'failed')).count;
    });
    const bullmq = await measureWhile(redis, bullRefs, () => plain.retryJobs({ state: 'failed', count: 1000 }));
    if (retried !== COUNT || (await redis.zcard('bull:plain:failed')) !== 0) throw new Error(`bulk retry left jobs behind (retried ${retried})`);

    return [
      { suite: SUITE, metric: `retry ${COUNT.toLocaleString('en-US')} failed jobs`, value: lookout.durationMs / 1000, unit: 's', baseline: bullmq.durationMs / 1000, ratio: lookout.durationMs / bullmq.durationMs, note: 'baseline: BullMQ Queue.retryJobs' },
      { suite: SUITE, metric: 'retry throughput', value: COUNT / (lookout.durationMs / 1000), unit: 'jobs/s', baseline: COUNT / (bullmq.durationMs / 1000) },
      { suite: SUITE, metric: 'API read p50, idle', value: idle.p50, unit: 'ms', note: `${idle.reads} reads` },
      { suite: SUITE, metric: 'API read p95, idle', value: idle.p95, unit: 'ms' },
      { suite: SUITE, metric: 'API read p95 during the bulk retry', value: lookout.p95, unit: 'ms', baseline: bullmq.p95, ratio: lookout.p95 / Math.max(idle.p95, 0.001), target: '< 100 ms', met: lookout.p95 < 100, note: `${lookout.reads} reads; baseline: during Queue.retryJobs; ratio vs idle` },
    ];
  } finally {
    await plain.close();
    await closeBullQueues(redis);
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
