import { Redis } from 'ioredis';
import { launchBrowser } from '../e2e/support/browser';
import { startStack } from '../e2e/support/stack';
import { ensureBuilt } from './support/build';
import { measure } from './support/percentiles';
import { FULL_SCALE, generateScaleData } from './support/scale-data';
import type { BenchRow } from './types';

const RUNS = 100;

/** 200 queues holding 1,000,000 jobs (100,000 failed in one queue): API and page-load latency. */
export default async function scale(): Promise<BenchRow[]> {
  await ensureBuilt();
  const stack = await startStack('bull');
  const redis = new Redis(stack.redisUrl);
  try {
    const generated = await generateScaleData({ url: stack.redisUrl }, 'bull', FULL_SCALE);
    const memoryMb = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0) / 1024 / 1024;
    const get = (path: string) => async () => {
      const response = await fetch(`${stack.baseUrl}${path}`);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      await response.arrayBuffer();
    };
    await get('/api/queues')(); // the first call scans the keyspace once; later ones use the cached list
    const queues = await measure(RUNS, get('/api/queues'));
    const failedPage = await measure(RUNS, get('/api/queues/bulk-import/jobs?state=failed&limit=50'));

    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const loads: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      await page.goto(`${stack.baseUrl}/`);
      await page.locator('[data-testid="queue-row"][data-queue="queue-198"]').waitFor();
      loads.push(performance.now() - started);
    }
    await browser.close();
    const overview = loads.sort((a, b) => a - b)[2] ?? 0;

    const note = `${FULL_SCALE.queues} queues, ${FULL_SCALE.totalJobs.toLocaleString('en-US')} jobs, Redis ${Math.round(memoryMb)} MB, generated in ${generated.seconds.toFixed(0)} s`;
    return [
      { suite: 'scale', metric: 'GET /api/queues p50', value: queues.p50, unit: 'ms', note },
      { suite: 'scale', metric: 'GET /api/queues p95', value: queues.p95, unit: 'ms', target: '< 100 ms', met: queues.p95 < 100 },
      { suite: 'scale', metric: 'failed first page p50 (100,000 failed)', value: failedPage.p50, unit: 'ms' },
      { suite: 'scale', metric: 'failed first page p95 (100,000 failed)', value: failedPage.p95, unit: 'ms', target: '< 50 ms', met: failedPage.p95 < 50 },
      { suite: 'scale', metric: 'Overview loaded in Chromium (median of 5)', value: overview, unit: 'ms', target: '< 1500 ms', met: overview < 1500 },
    ];
  } finally {
    redis.disconnect();
    await stack.stop();
  }
}
