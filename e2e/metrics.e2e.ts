import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../lib/config';
import { buildTiers, MetricsBatch, MetricsRecorder, writeBatch } from '../lib/metrics';
import { createLookoutMonitor, type Monitor } from '../lib/monitor';
import { MetricsPanel } from './pages/metrics-panel';
import { OverviewPage } from './pages/overview-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';
import { readmeScreenshot } from './support/screenshots';

const PREFIX = 'metr';
let stack: Stack;
let browser: Browser;
let page: Page;
let redis: Redis;
let monitor: Monitor;
let namespace: string;
let running = true;
const closers: Array<() => Promise<unknown>> = [];
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Plain BullMQ traffic: emails (fast, 10 % failing) and reports (slower), plus a queue nobody works on. */
async function startTraffic(connection: { url: string }): Promise<void> {
  const emails = new Queue('emails', { connection, prefix: PREFIX });
  const reports = new Queue('reports', { connection, prefix: PREFIX });
  const backlog = new Queue('backlog', { connection, prefix: PREFIX });
  await backlog.addBulk(Array.from({ length: 25 }, (_, n) => ({ name: 'import', data: { n } })));
  const process = async (job: Job) => {
    await sleep(job.data.ms as number);
    if (job.data.fail) throw new Error('mailbox unavailable');
  };
  const workers = [
    new Worker('emails', process, { connection, prefix: PREFIX, concurrency: 4 }),
    new Worker('reports', process, { connection, prefix: PREFIX, concurrency: 2 }),
  ];
  const producer = (async () => {
    for (let tick = 0; running; tick++) {
      await emails.add(tick % 3 ? 'welcome' : 'receipt', { ms: 20 + (tick % 7) * 25, fail: tick % 10 === 0 });
      if (tick % 4 === 0) await reports.add('monthly', { ms: 150 + (tick % 5) * 60 });
      await sleep(50);
    }
  })();
  closers.push(async () => {
    running = false;
    await producer;
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all([emails, reports, backlog].map((queue) => queue.close()));
  });
}

/**
 * An hour of earlier history, recorded the way the worker runtime and the monitor record it, so the
 * screenshot shows a full chart; the assertions before it only rely on the live traffic above.
 */
async function recordEarlierHour(): Promise<void> {
  const now = Date.now();
  const recorder = new MetricsRecorder({ redis, namespace, flushIntervalMs: 60_000 });
  const gauges = new MetricsBatch();
  for (let minute = 60; minute >= 2; minute--) {
    const at = now - minute * 60_000;
    const load = 30 + Math.round(20 * Math.sin(minute / 6));
    for (let i = 0; i < load; i++) {
      const queue = i % 4 === 0 ? 'reports' : 'emails';
      const runtimeMs = queue === 'reports' ? 180 + ((i * 37) % 200) : 20 + ((i * 13) % 150);
      const startedAt = at + i * 100;
      recorder.record({
        prefix: PREFIX,
        queue,
        jobName: queue === 'reports' ? 'monthly' : i % 3 ? 'welcome' : 'receipt',
        jobId: `history-${minute}-${i}`,
        status: i % 17 === 0 ? 'failed' : 'completed',
        final: true,
        enqueuedAt: startedAt - ((i * 53) % (minute < 20 ? 4000 : 600)),
        startedAt,
        finishedAt: startedAt + runtimeMs,
      });
    }
    const waiting = Math.max(0, Math.round(40 * Math.sin(minute / 9)));
    const sample = { waiting, prioritized: 0, active: 4, delayed: 0, failedTotal: 60 - minute, oldestWaitMs: waiting * 50, workers: 2 };
    gauges.addGauges({ kind: 'all' }, at, sample);
  }
  await recorder.close();
  await writeBatch(redis, gauges, { namespace, tiers: buildTiers(), now });
}

beforeAll(async () => {
  stack = await startStack(PREFIX);
  redis = new Redis(stack.redisUrl);
  await startTraffic({ url: stack.redisUrl });
  // The same configuration as the web server of the stack, with a fast monitor.
  const config = readConfig({ ...process.env, LOOKOUT_PREFIXES: PREFIX, LOOKOUT_MONITOR_INTERVAL_MS: '500' });
  namespace = config.LOOKOUT_NAMESPACE;
  monitor = createLookoutMonitor({ redis, config, log: () => undefined });
  monitor.start();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
});

afterAll(async () => {
  await browser?.close();
  await monitor?.stop();
  for (const close of closers) await close();
  redis?.disconnect();
  await stack?.stop();
});

describe('metrics', () => {
  it('shows non-empty throughput on the Overview within a minute of traffic', async () => {
    const overview = new OverviewPage(page);
    await overview.open(stack.baseUrl);
    const metrics = new MetricsPanel(page);
    await expect.poll(() => metrics.chart('throughput').getAttribute('data-nonempty'), { timeout: 60_000, interval: 500 }).toBe('true');
    expect(await metrics.drawnSeries('throughput').count()).toBeGreaterThan(0);
    await expect.poll(() => metrics.chart('queue-length').getAttribute('data-nonempty'), { timeout: 30_000 }).toBe('true');
    await expect.poll(async () => Number((await metrics.headline('jobs-hour').textContent())?.replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="workload-row"][data-queue="backlog"] [data-testid="drain-eta"]').textContent()).toBe('stalled');
  });

  it('compares the busiest queues side by side, busiest first, leaving out the queue nobody works on', async () => {
    const metrics = new MetricsPanel(page);
    await expect.poll(() => metrics.queueComparison.getAttribute('data-queues'), { timeout: 30_000 }).toBe('emails,reports');
    const throughput = metrics.comparisonChart('queues-throughput');
    await expect.poll(() => throughput.locator('path.recharts-line-curve[d]').count(), { timeout: 15_000 }).toBe(2);
    expect(await throughput.textContent()).toContain('emails');
    expect(await metrics.comparisonChart('queues-failure-rate').getAttribute('data-nonempty')).toBe('true');
  });

  it('re-renders the charts when the range changes', async () => {
    const metrics = new MetricsPanel(page);
    for (const [range, step] of [
      ['24h', '180'],
      ['30d', '5400'],
      ['15m', '60'],
    ] as const) {
      await metrics.selectRange(range);
      await expect.poll(() => metrics.charts.getAttribute('data-range')).toBe(range);
      await expect.poll(() => metrics.queueComparison.getAttribute('data-range')).toBe(range);
      await expect.poll(() => metrics.charts.getAttribute('data-step'), { timeout: 15_000 }).toBe(step);
      await expect.poll(() => metrics.chart('throughput').getAttribute('data-nonempty'), { timeout: 15_000 }).toBe('true');
      expect(await metrics.drawnSeries('throughput').count()).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('range-15m').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows run times and a per job name table on the queue page', async () => {
    await page.goto(`${stack.baseUrl}/queues/emails`);
    const metrics = new MetricsPanel(page);
    await expect.poll(() => metrics.chart('runtime').getAttribute('data-nonempty'), { timeout: 30_000 }).toBe('true');
    await metrics.jobNameRow('welcome').waitFor({ timeout: 30_000 });
    await metrics.jobNameRow('receipt').waitFor();
    expect(Number(await metrics.jobNameRow('welcome').getByTestId('job-name-completed').textContent())).toBeGreaterThan(0);
    expect(await metrics.headline('drain').textContent()).not.toBe('…');
  });

  it('takes the README screenshot of the Overview with an hour of history', async () => {
    await recordEarlierHour();
    const overview = new OverviewPage(page);
    await overview.open(stack.baseUrl);
    const metrics = new MetricsPanel(page);
    await expect.poll(() => metrics.chart('wait').getAttribute('data-nonempty'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => metrics.charts.getAttribute('data-loaded')).toBe('true');
    await page.getByTestId('metrics-headline').scrollIntoViewIfNeeded();
    await readmeScreenshot(page, 'metrics', { fullPage: true });
  });
});
