import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listJobs } from '../../lib/queues';
import { writeFailedJobs } from '../helpers/failed-jobs';
import { deletePrefix, testRedis, uniquePrefix } from '../helpers/redis';

const prefix = uniquePrefix('pages');
const redis = testRedis();

async function medianPageMs(queue: string): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < 30; run++) {
    const started = performance.now();
    const page = await listJobs(redis, { prefix, name: queue }, 'failed', { offset: 0, limit: 50 });
    samples.push(performance.now() - started);
    expect(page.jobs).toHaveLength(50);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

beforeAll(async () => {
  await writeFailedJobs(redis, prefix, 'small', 100);
  await writeFailedJobs(redis, prefix, 'large', 100_000);
}, 120_000);

afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('failed jobs first page', () => {
  it('reads the newest 50 whatever the queue size (timings are logged, not asserted)', async () => {
    const small = await medianPageMs('small');
    const large = await medianPageMs('large');
    const page = await listJobs(redis, { prefix, name: 'large' }, 'failed', { offset: 0, limit: 50 });
    expect(page.total).toBe(100_000);
    expect(page.jobs[0]?.id).toBe('100000');
    expect(page.nextCursor).toBe('50');
    console.log(`[page-cost] first page of failed jobs, median of 30: 100 jobs ${small.toFixed(2)} ms, 100,000 jobs ${large.toFixed(2)} ms`);
  });
});
