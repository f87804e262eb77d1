import { resolve } from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEveryState } from '../test/helpers/fixtures';
import { JobPage } from './pages/job-page';
import { OverviewPage } from './pages/overview-page';
import { QueuePage } from './pages/queue-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';

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

beforeAll(async () => {
  stack = await startStack('e2e');
  const connection = { url: stack.redisUrl };
  fixture = await seedEveryState(connection, 'e2e');
  await seedHostileJob(connection, 'e2e');
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
    await page.screenshot({ path: resolve(import.meta.dirname, '..', 'docs', 'screenshots', 'overview.png') });
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

  it('says so when a queue does not exist', async () => {
    await page.goto(`${stack.baseUrl}/queues/no-such-queue`);
    await page.getByTestId('queue-not-found').waitFor();
  });
});
