import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { listJobs } from '../lib/queues';
import { startRedisServer } from '../lib/redis';
import { writeFailedJobs } from '../test/helpers/failed-jobs';
import { measure } from './support/percentiles';
import type { BenchRow } from './types';

/** First page of failed jobs (limit 50) with 100 and with 100,000 failed jobs in the queue. */
export default async function jobsPage(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-'));
  const server = await startRedisServer({ dir });
  const redis = new Redis(server.url);
  try {
    await writeFailedJobs(redis, 'bull', 'small', 100);
    await writeFailedJobs(redis, 'bull', 'large', 100_000);
    const firstPage = (queue: string) => () => listJobs(redis, { prefix: 'bull', name: queue }, 'failed', { offset: 0, limit: 50 });
    const small = await measure(200, firstPage('small'));
    const large = await measure(200, firstPage('large'));
    return [
      { suite: 'jobs page', metric: 'failed first page p50, 100 jobs', value: small.p50, unit: 'ms' },
      { suite: 'jobs page', metric: 'failed first page p50, 100,000 jobs', value: large.p50, unit: 'ms', baseline: small.p50, ratio: large.p50 / small.p50, note: 'ratio vs 100 jobs' },
      { suite: 'jobs page', metric: 'failed first page p95, 100,000 jobs', value: large.p95, unit: 'ms', target: '< 50 ms', met: large.p95 < 50 },
    ];
  } finally {
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
