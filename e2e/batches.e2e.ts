import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batch, closeDispatcher, configureDispatcher, defineJob, startWorker, type WorkerRuntime } from '../workers';
import { notifyImport, resizeImage, sendEmail } from '../workers/demo/jobs';
import { startDemoTraffic, type DemoTraffic } from '../workers/demo/traffic';
import { BatchPage } from './pages/batch-page';
import { BatchesPage } from './pages/batches-page';
import { Feedback } from './pages/feedback';
import { FlowTree } from './pages/flow-tree';
import { JobPage } from './pages/job-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';
import { readmeScreenshot } from './support/screenshots';

const PREFIX = 'bt';

let stack: Stack;
let browser: Browser;
let page: Page;
let traffic: DemoTraffic;
let worker: WorkerRuntime;
/** The demo batch the tests follow (the demo dispatches another every 30 s). */
let batchId = '';

/** Fails until healed, so an operator's retry of the batch's failed jobs succeeds. */
let healed = false;
const flakyExport = defineJob({
  name: 'export-account',
  queue: 'exports',
  tries: 1,
  handle: (data: { account: number }) => {
    if (data.account === 3 && !healed) throw new Error(`account ${data.account}: storage quota exceeded`);
    return { account: data.account };
  },
});
let flakyWorker: WorkerRuntime | undefined;

beforeAll(async () => {
  stack = await startStack(PREFIX);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await closeDispatcher();
  await flakyWorker?.stop(0);
  await traffic?.stop();
  await worker?.stop(0);
  await browser?.close();
  await stack?.stop();
});

describe('Batches page', () => {
  it('explains how to make a batch while there is none, then shows the demo\'s batch reaching 100 % without a reload', async () => {
    const batches = new BatchesPage(page);
    await batches.open(stack.baseUrl);
    expect(await batches.empty.textContent()).toContain('.dispatch()');

    // The demo's own traffic module (it dispatches an image-import batch at start and every 30 s) and a runtime
    // worker for the queues that batch uses, as `npm run demo` runs them.
    traffic = await startDemoTraffic(stack.redisUrl, PREFIX);
    worker = await startWorker({ connection: stack.redisUrl, prefix: PREFIX, queues: ['images', 'emails'], jobs: [resizeImage, notifyImport, sendEmail], concurrency: 12 });
    const newest = batches.row('import gallery-');
    await newest.waitFor({ timeout: 30_000 });
    batchId = (await newest.getAttribute('data-batch-id')) ?? '';
    const row = batches.byId(batchId);
    await expect.poll(() => batches.progress(row), { timeout: 60_000, interval: 500 }).toBe(100);
    await expect.poll(() => batches.state(row), { timeout: 30_000 }).toBe('finished');
    expect(await row.getByTestId('batch-counts').textContent()).toBe('12 of 12 done');
    expect(await row.getByTestId('batch-failed').textContent()).toBe('0');
    await readmeScreenshot(page, 'batches');
  });

  it('opens the batch with its jobs, and a job page shows the flow it belongs to', async () => {
    const batches = new BatchesPage(page);
    const row = batches.byId(batchId);
    const name = await row.getAttribute('data-batch-name');
    await batches.openBatch(row);
    const batch = new BatchPage(page);
    expect(await batch.name.textContent()).toBe(name);
    await expect.poll(() => batch.jobs().count()).toBe(12);
    expect(new Set(await batch.jobStates())).toEqual(new Set(['completed']));
    // Finished without failures: nothing to retry or cancel.
    expect(await batch.action('retry').count()).toBe(0);
    expect(await batch.action('cancel').count()).toBe(0);

    await batch.openJob(batch.jobs().first());
    const job = new JobPage(page);
    expect(await job.state.textContent()).toBe('completed');
    const flow = new FlowTree(page);
    expect(await flow.parentLink.textContent()).toMatch(/^emails #lookout-batch-/);

    await flow.parentLink.click();
    await flow.childCounts.waitFor();
    expect(await flow.childCounts.textContent()).toContain('12 child jobs: 0 to finish · 12 completed · 0 failed');
    expect(await flow.children().count()).toBe(12);
    expect(new Set(await flow.childStates())).toEqual(new Set(['completed']));

    await page.goBack();
    await flow.batchLink.click();
    await page.getByTestId('batch-jobs').waitFor();
    expect(await batch.name.textContent()).toBe(name);
  });
});

describe('operator actions on a batch', () => {
  beforeAll(() => configureDispatcher({ connection: stack.redisUrl, prefix: PREFIX }));

  it('retries the failed jobs of a batch from its page', async () => {
    const dispatched = await batch([1, 2, 3, 4].map((account) => flakyExport.with({ account }))).name('account exports').allowFailures().dispatch();
    flakyWorker = await startWorker({ connection: stack.redisUrl, prefix: PREFIX, queues: ['exports'], jobs: [flakyExport], concurrency: 2 });
    const batches = new BatchesPage(page);
    await batches.open(stack.baseUrl);
    const row = batches.byId(dispatched.id);
    await expect.poll(() => batches.state(row), { timeout: 30_000 }).toBe('failed');
    await batches.openBatch(row);
    const batchPage = new BatchPage(page);
    expect(await batchPage.counts.textContent()).toBe('4 of 4 done · 1 failed');
    expect((await batchPage.jobs().first().textContent()) ?? '').toContain('storage quota exceeded');

    healed = true;
    await batchPage.action('retry').click();
    const feedback = new Feedback(page);
    expect(await feedback.confirm()).toContain('Retry 1 failed job?');
    await feedback.toast('Retried 1 failed job.').waitFor();
    await expect.poll(() => batchPage.counts.textContent(), { timeout: 30_000 }).toBe('4 of 4 done');
    await expect.poll(() => batchPage.jobStates(), { timeout: 30_000 }).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(await batchPage.action('retry').count()).toBe(0);
  });

  it('cancels a batch from its page: it shows cancelled and offers no more actions', async () => {
    // No worker serves this queue, so nothing of the batch runs before the cancel.
    const dispatched = await batch([1, 2, 3].map((account) => flakyExport.with({ account }, { queue: 'exports-later' }))).name('later exports').dispatch();
    const batches = new BatchesPage(page);
    await batches.open(stack.baseUrl);
    await batches.openBatch(batches.byId(dispatched.id));
    const batchPage = new BatchPage(page);
    await batchPage.action('cancel').click();
    const feedback = new Feedback(page);
    expect(await feedback.confirm()).toContain('3 jobs still to run will be skipped');
    await expect.poll(() => page.getByTestId('batch-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('cancelled');
    await batchPage.action('cancel').waitFor({ state: 'detached' });
  });
});
