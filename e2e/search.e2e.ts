import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationStore } from '../lib/operations';
import { writeFailedJobs } from '../test/helpers/failed-jobs';
import { Feedback } from './pages/feedback';
import { JobFinder } from './pages/job-finder';
import { JobPage } from './pages/job-page';
import { QueuePage } from './pages/queue-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';

const PREFIX = 'find';
const FAILED = 3000;
const DECLINED = FAILED / 2;

let stack: Stack;
let browser: Browser;
let page: Page;
let redis: Redis;
let accounts: Queue;

beforeAll(async () => {
  stack = await startStack(PREFIX);
  redis = new Redis(stack.redisUrl);
  // Plain BullMQ: 500 sign-ups waiting, one of them for user 4242.
  accounts = new Queue('accounts', { connection: { url: stack.redisUrl }, prefix: PREFIX });
  await accounts.addBulk(Array.from({ length: 500 }, (_, i) => ({ name: 'signup', data: { userId: 1000 + i * 7, plan: 'pro' }, opts: { jobId: `signup-${1000 + i * 7}` } })));
  await accounts.add('signup', { userId: 4242, plan: 'team', email: 'pat@example.com' }, { jobId: 'signup-4242' });
  // A night of failures in BullMQ's layout: every other one a declined card.
  await writeFailedJobs(redis, PREFIX, 'billing', FAILED, { failedReason: (i) => (i % 2 ? 'Partner API answered 503' : `card declined for order ${i}`) });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await accounts?.close();
  redis?.disconnect();
  await stack?.stop();
});

describe('finding jobs', () => {
  const queue = () => new QueuePage(page);

  it('searches a queue for a job by the user id in its data, and opens it', async () => {
    await page.goto(`${stack.baseUrl}/queues/accounts`);
    await queue().search('data.userId=4242');
    await queue().searchProgress.filter({ hasText: 'Scanned all 501 waiting jobs · 1 found' }).waitFor();
    expect(await queue().jobRows.count()).toBe(1);
    await queue().openJob('signup-4242');
    const job = new JobPage(page);
    await expect.poll(() => job.data.textContent()).toContain('pat@example.com');
    expect(await job.state.textContent()).toBe('waiting');
  });

  it('finds a job by id from the header, whatever the queue', async () => {
    await page.goto(`${stack.baseUrl}/`);
    const finder = new JobFinder(page);
    await finder.find('signup-1007');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/queues/accounts/jobs/signup-1007');
    await finder.find('no-such-job');
    await finder.results.filter({ hasText: 'No job with id “no-such-job” in any queue.' }).waitFor();
  });
});

describe('acting on every job that matches', () => {
  const queue = () => new QueuePage(page);
  const feedback = () => new Feedback(page);

  it('filters failed jobs by message, selects all matching, retries them, and watches the progress bar finish', async () => {
    await page.goto(`${stack.baseUrl}/queues/billing?state=failed`);
    await queue().search('card declined');
    await queue().searchProgress.filter({ hasText: '50 found so far' }).waitFor();
    expect(await queue().jobRows.count()).toBe(50);

    await queue().selectAllOnPage();
    await queue().selectAllMatching();
    await queue().actOnAllMatching('retry');
    const confirmation = await feedback().confirm();
    expect(confirmation).toContain(`${DECLINED.toLocaleString('en-US')} jobs`);
    expect(confirmation).toContain('card declined for order');

    await queue().operation.waitFor();
    await expect.poll(() => queue().operation.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await queue().operationPercent()).toBe(100);
    expect(await queue().operation.getByTestId('operation-text').textContent()).toBe(`Retried ${DECLINED.toLocaleString('en-US')} jobs.`);
    await feedback().toast(`Retried ${DECLINED.toLocaleString('en-US')} jobs.`).waitFor();

    expect(await redis.zcard(`${PREFIX}:billing:failed`)).toBe(FAILED - DECLINED);
    expect(await redis.llen(`${PREFIX}:billing:wait`)).toBe(DECLINED);
    // The list follows: nothing left matches.
    await page.getByTestId('no-jobs').waitFor();
  });
});

describe('an operation left behind', () => {
  it('is resumed by the web server on its own, without any request', async () => {
    // As a replica that crashed right after accepting POST …/bulk would leave it: recorded, never started.
    await writeFailedJobs(redis, PREFIX, 'orphans', 2000);
    const store = new OperationStore(redis);
    const id = '00000000-0000-4000-8000-000000000042';
    await store.create(id, { action: 'retry', queue: 'orphans', prefix: PREFIX, query: { state: 'failed' }, requestedBy: { name: 'otto', role: 'operator', via: 'token' } }, Date.now());
    await expect.poll(async () => (await store.read(id))?.state, { timeout: 30_000 }).toBe('done');
    expect(await store.read(id)).toMatchObject({ done: 2000, total: 2000 });
    expect(await redis.llen(`${PREFIX}:orphans:wait`)).toBe(2000);
  });
});
