import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEveryState } from '../test/helpers/fixtures';
import { JobPage } from './pages/job-page';
import { OverviewPage } from './pages/overview-page';
import { QueuePage } from './pages/queue-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';
import { readmeScreenshot } from './support/screenshots';

let stack: Stack;
let browser: Browser;
let page: Page;
let fixture: Awaited<ReturnType<typeof seedEveryState>>;
const dialogs: string[] = [];

async function seedHostileJob(connection: { url: string }, prefix: string) {
  const queue = new Queue('orders', { connection, prefix });
  const worker = new Worker('orders', null, { connection, prefix });
  await queue.add('import', { note: '<script>alert(1)</script>', html: '<img src=x onerror="alert(2)">' }, { jobId: 'xss', lifo: true });
  const job = await worker.getNextJob('xss-token');
  await job?.moveToFailed(new Error('<b>bold</b> failure'), 'xss-token', false);
  await worker.close(true);
  await queue.close();
}

/** A job whose name, stack and data are hostile or huge, written raw as a buggy or malicious producer could. */
async function seedMonsterJob(redisUrl: string) {
  const redis = new Redis(redisUrl);
  const huge = JSON.stringify({ blob: 'x'.repeat(5 * 1024 * 1024), note: '<img src=x onerror=alert(4)>' });
  await redis.hset('e2e:hostile:monster', {
    name: '<img src=x onerror=alert(3)>' + 'N'.repeat(5000),
    data: Buffer.concat([Buffer.from(huge.slice(0, -2)), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    opts: '{}',
    timestamp: String(Date.now()),
    stacktrace: JSON.stringify(['<script>alert(5)</script>\n    at evil (<b>file</b>.js:1:1)']),
  });
  await redis.lpush('e2e:hostile:wait', 'monster');
  await redis.hset('e2e:hostile:meta', 'version', 'bullmq:6.7.0');
  redis.disconnect();
}

beforeAll(async () => {
  stack = await startStack('e2e');
  const connection = { url: stack.redisUrl };
  fixture = await seedEveryState(connection, 'e2e');
  await seedHostileJob(connection, 'e2e');
  await seedMonsterJob(stack.redisUrl);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await stack?.stop();
});

describe('dashboard', () => {
  it('shows the queues and their counts on the overview', async () => {
    const overview = new OverviewPage(page);
    await overview.open(stack.baseUrl);
    await expect.poll(() => overview.count('orders', 'waiting').textContent()).toBe('3');
    expect(await overview.count('orders', 'failed').textContent()).toBe('2');
    expect(await overview.count('orders', 'delayed').textContent()).toBe('1');
    expect(await overview.queueRow('orders-paused').textContent()).toContain('paused');
    await readmeScreenshot(page, 'overview');
  });

  it('filters the queues by name and sorts them by a column', async () => {
    const overview = new OverviewPage(page);
    await overview.open(stack.baseUrl);
    await overview.queueRow('orders').waitFor();
    const byName = await overview.queueNames();
    expect(byName).toEqual([...byName].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(byName.length).toBeGreaterThan(2);
    // Most failed first: only "orders" has failed jobs.
    await overview.sortBy('failed');
    await expect.poll(async () => (await overview.queueNames())[0]).toBe('orders');
    expect(await page.getByTestId('sort-failed').textContent()).toContain('↓');
    await overview.filterQueues('PAUSED');
    await expect.poll(() => overview.queueNames()).toEqual(['orders-paused']);
    await overview.filterQueues('no such queue');
    await page.getByTestId('no-matching-queues').waitFor();
    await overview.filterQueues('');
    await expect.poll(async () => (await overview.queueNames()).length).toBe(byName.length);
  });

  it('opens a failed job and shows its reason and stack trace', async () => {
    const overview = new OverviewPage(page);
    await overview.openQueue('orders');
    const queue = new QueuePage(page);
    await queue.selectState('failed');
    await queue.jobRow('f1').waitFor();
    await queue.openJob('f1');
    const job = new JobPage(page);
    await expect.poll(() => job.failedReason.textContent()).toBe('card declined for order 2');
    expect(await job.stacktrace.textContent()).toContain('Error: card declined for order 2');
    expect(await job.state.textContent()).toBe('failed');
  });

  it('renders hostile job data as text, never as HTML', async () => {
    await page.goto(`${stack.baseUrl}/queues/orders/jobs/xss`);
    const job = new JobPage(page);
    await expect.poll(() => job.data.textContent()).toContain('<script>alert(1)</script>');
    expect(await job.data.textContent()).toContain('<img src=x onerror=\\"alert(2)\\">');
    expect(await job.failedReason.textContent()).toBe('<b>bold</b> failure');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('b', { hasText: 'bold' }).count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('keeps a 5 MB job with markup in its name, data and stack safe and responsive', async () => {
    await page.goto(`${stack.baseUrl}/queues/hostile`);
    const queue = new QueuePage(page);
    await queue.jobRow('monster').waitFor();
    expect(await queue.jobRow('monster').textContent()).toContain('<img src=x onerror=alert(3)>');
    await queue.openJob('monster');
    const job = new JobPage(page);
    await expect.poll(() => job.data.textContent(), { timeout: 20_000 }).toContain('xxxx');
    expect((await job.data.textContent())?.length).toBeLessThan(25_000);
    const showAll = page.getByTestId('job-data-show-all');
    expect(await showAll.textContent()).toMatch(/Show all \(5,2\d\d,\d{3} characters\)/);
    await showAll.click();
    await expect.poll(async () => (await job.data.textContent())?.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(5_000_000);
    expect(await job.data.textContent()).toContain('<img src=x onerror=alert(4)>');
    expect(await job.stacktrace.textContent()).toContain('<script>alert(5)</script>');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    // Still responsive: the page answers a script round trip and a tab switch right away.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(dialogs).toEqual([]);
  });

  it('says so when a queue does not exist', async () => {
    await page.goto(`${stack.baseUrl}/queues/no-such-queue`);
    await page.getByTestId('queue-not-found').waitFor();
  });
});
