import { Queue } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OverviewPage } from './pages/overview-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack('outage');
  const queue = new Queue('payments', { connection: { url: stack.redisUrl }, prefix: 'outage' });
  await queue.addBulk([1, 2, 3, 4].map((n) => ({ name: 'pay', data: { n } })));
  await queue.close();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Redis outage', () => {
  it('shows a banner while Redis is down and recovers by itself when it is back', async () => {
    const overview = new OverviewPage(page);
    await overview.open(stack.baseUrl);
    await expect.poll(() => overview.count('payments', 'waiting').textContent()).toBe('4');
    expect(await overview.banner.count()).toBe(0);

    await stack.stopRedis();
    await overview.banner.waitFor({ timeout: 20_000 });
    expect(await overview.banner.textContent()).toContain('Redis is unreachable');
    // The last numbers stay on screen, marked stale.
    expect(await overview.count('payments', 'waiting').textContent()).toBe('4');
    await expect.poll(() => page.getByTestId('freshness').getAttribute('data-stale'), { timeout: 20_000 }).toBe('true');
    const apiWhileDown = await fetch(`${stack.baseUrl}/api/queues`);
    expect(apiWhileDown.status).toBe(503);

    await stack.startRedis();
    await overview.banner.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.getByTestId('freshness').getAttribute('data-stale'), { timeout: 20_000 }).toBe('false');
    expect(await overview.count('payments', 'waiting').textContent()).toBe('4');
    expect((await fetch(`${stack.baseUrl}/api/queues`)).status).toBe(200);
  });
});
