import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobPage } from './pages/job-page';
import { OverviewPage } from './pages/overview-page';
import { QueuePage } from './pages/queue-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';

// What other clients, old versions and accidents leave in Redis: the dashboard shows what it can and never breaks.
const PREFIX = 'odd';
const ODD_NAMES = ['ünïcode 队列', 'with space', 'emoji 🚀'];

let stack: Stack;
let browser: Browser;
let page: Page;
const serverErrors: string[] = [];
const pageErrors: string[] = [];

async function seedBadData(redisUrl: string): Promise<void> {
  for (const name of ODD_NAMES) {
    const queue = new Queue(name, { connection: { url: redisUrl }, prefix: PREFIX });
    await queue.add('greet', { name });
    await queue.close();
  }
  const redis = new Redis(redisUrl);
  // A colon inside a queue name, written by a client that allows it.
  await redis.hset(`${PREFIX}:a:b:meta`, 'version', 'other-client');
  await redis.lpush(`${PREFIX}:a:b:wait`, '1');
  await redis.hset(`${PREFIX}:a:b:1`, { name: 'colon', data: '{"ok":true}', timestamp: String(Date.now()) });
  // BullMQ keys holding the wrong type.
  await redis.hset(`${PREFIX}:wrong:meta`, 'version', 'x');
  await redis.set(`${PREFIX}:wrong:wait`, 'a string, not a list');
  await redis.hset(`${PREFIX}:wrong:failed`, 'a', 'b');
  // A damaged job (no name or timestamp, data that is not JSON) and a listed job whose hash is gone.
  await redis.hset(`${PREFIX}:broken:meta`, 'version', 'bullmq:6.7.0');
  await redis.hset(`${PREFIX}:broken:damaged`, { data: '{"userId": 42, truncated', opts: '{}' });
  await redis.lpush(`${PREFIX}:broken:wait`, 'damaged', 'vanished');
  redis.disconnect();
}

beforeAll(async () => {
  stack = await startStack(PREFIX);
  await seedBadData(stack.redisUrl);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('response', (response) => {
    if (response.status() >= 500 && response.url().includes('/api/')) serverErrors.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('bad data in Redis', () => {
  it('lists every queue on the Overview, odd names included', async () => {
    const overview = new OverviewPage(page);
    await overview.open(stack.baseUrl);
    for (const name of [...ODD_NAMES, 'a:b', 'wrong', 'broken']) await overview.queueRow(name).waitFor();
    expect(await overview.count('ünïcode 队列', 'waiting').textContent()).toBe('1');
  });

  it('opens queues whose names have unicode, spaces and colons, and their jobs', async () => {
    const overview = new OverviewPage(page);
    const queue = new QueuePage(page);
    for (const name of ['ünïcode 队列', 'with space', 'a:b']) {
      await overview.open(stack.baseUrl);
      await overview.openQueue(name);
      await page.getByTestId('queue-name').filter({ hasText: name }).waitFor();
      await queue.selectState('waiting');
      await expect.poll(() => queue.jobRows.count()).toBe(1);
    }
    await queue.openJob('1');
    const job = new JobPage(page);
    expect(await job.data.textContent()).toContain('"ok": true');
  });

  it('explains keys of the wrong type instead of failing', async () => {
    await page.goto(`${stack.baseUrl}/queues/wrong`);
    const problems = page.getByTestId('queue-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('WRONGTYPE');
  });

  it('shows a damaged job as malformed, with its raw data as text', async () => {
    await page.goto(`${stack.baseUrl}/queues/broken?state=waiting`);
    const queue = new QueuePage(page);
    const row = queue.jobRow('damaged');
    await row.waitFor();
    await row.getByTestId('row-malformed').waitFor();
    await queue.openJob('damaged');
    await page.getByTestId('job-malformed').waitFor();
    await page.getByTestId('job-data-invalid').waitFor();
    expect(await new JobPage(page).data.textContent()).toContain('{"userId": 42, truncated');
  });

  it('never answered a 500 and never threw in the page', () => {
    expect(serverErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
