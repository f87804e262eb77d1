import { Queue } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseError, partnerError, seedFailures } from '../test/helpers/failures';
import { AuditPage } from './pages/audit-page';
import { Feedback } from './pages/feedback';
import { JobPage } from './pages/job-page';
import { OverviewPage } from './pages/overview-page';
import { QueuePage } from './pages/queue-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;
let page: Page;
let billing: Queue;

beforeAll(async () => {
  stack = await startStack('ops');
  // Plain BullMQ failures: three partner outages (one group), two parse errors (another group).
  billing = await seedFailures({ url: stack.redisUrl }, 'ops', 'billing', [
    { id: 'p1', error: partnerError(101), data: { account: 101, email: 'ann@example.com' } },
    { id: 'p2', error: partnerError(202), data: { account: 202, email: 'bob@example.com' } },
    { id: 'p3', error: partnerError(303), data: { account: 303, email: 'cy@example.com' } },
    { id: 't1', error: parseError('items'), data: { account: 404, email: 'dee@example.com' } },
    { id: 't2', error: parseError('items'), data: { account: 505, email: 'eve@example.com' } },
  ]);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await billing?.close();
  await stack?.stop();
});

describe('operating on failed jobs', () => {
  const queue = () => new QueuePage(page);
  const feedback = () => new Feedback(page);

  it('opens Failed and sees the failures grouped by error, biggest group first', async () => {
    const overview = new OverviewPage(page);
    await overview.open(stack.baseUrl);
    await overview.openQueue('billing');
    await queue().selectState('failed');
    await queue().failureGroup('Partner API answered').waitFor();
    expect(await queue().failureGroups.count()).toBe(2);
    expect(await queue().failureGroups.first().getByTestId('group-count').textContent()).toBe('3');
    expect(await queue().failureGroup('reading').getByTestId('group-count').textContent()).toBe('2');
    await expect.poll(() => queue().jobRows.count()).toBe(5);
  });

  it('finds a job by a field of its data', async () => {
    await queue().search('data.email=eve@example.com');
    await expect.poll(() => queue().jobRows.count()).toBe(1);
    expect(await queue().jobRows.first().getAttribute('data-job-id')).toBe('t2');
    await queue().search('');
    await expect.poll(() => queue().jobRows.count()).toBe(5);
  });

  it('retries one job: it leaves the failed list', async () => {
    await queue().jobAction('t1', 'retry');
    await queue().jobRow('t1').waitFor({ state: 'detached' });
    await feedback().toast('Retried job t1.').waitFor();
    expect(await billing.getJobState('t1')).toBe('waiting');
  });

  it('deletes another after confirming', async () => {
    await queue().jobAction('p1', 'delete');
    expect(await feedback().confirm()).toContain('1 job');
    await queue().jobRow('p1').waitFor({ state: 'detached' });
    await feedback().toast('Deleted job p1.').waitFor();
    expect(await billing.getJob('p1')).toBeUndefined();
  });

  it('retries a whole group', async () => {
    await expect.poll(() => queue().failureGroup('Partner API answered').getByTestId('group-count').textContent()).toBe('2');
    await queue().failureGroup('Partner API answered').getByTestId('group-retry').click();
    expect(await feedback().confirm()).toContain('2 jobs');
    await feedback().toast('Retried 2 jobs.').waitFor();
    await expect.poll(() => queue().jobRows.count()).toBe(1);
    expect(await queue().jobRows.first().getAttribute('data-job-id')).toBe('t2');
    expect([await billing.getJobState('p2'), await billing.getJobState('p3')]).toEqual(['waiting', 'waiting']);
  });

  it('retries and deletes from the job page', async () => {
    await queue().openJob('t2');
    const job = new JobPage(page);
    await expect.poll(() => job.state.textContent()).toBe('failed');
    await job.action('retry').click();
    await expect.poll(() => job.state.textContent()).toBe('waiting');
    await job.action('delete').click();
    expect(await feedback().confirm()).toContain('1 job');
    await page.getByTestId('queue-name').waitFor();
    expect(await billing.getJob('t2')).toBeUndefined();
  });

  it('pauses and resumes the queue', async () => {
    await queue().pauseButton.click();
    await queue().resumeButton.waitFor();
    await expect.poll(() => billing.isPaused()).toBe(true);
    await queue().resumeButton.click();
    await queue().pauseButton.waitFor();
    await expect.poll(() => billing.isPaused()).toBe(false);
  });

  it('shows each action in the Audit page', async () => {
    const audit = new AuditPage(page);
    await audit.openFromSidebar();
    await audit.rows('job.retry').first().waitFor();
    expect(await audit.rows('job.retry').allTextContents()).toEqual([expect.stringContaining('t2'), expect.stringContaining('t1')]);
    expect(await audit.rows('job.delete').allTextContents()).toEqual([expect.stringContaining('t2'), expect.stringContaining('p1')]);
    const groupRetry = audit.rows('queue.retry').first();
    expect(await groupRetry.textContent()).toMatch(/group=[0-9a-f]{16}/);
    expect(await groupRetry.locator('td').nth(5).textContent()).toBe('2');
    expect(await audit.rows('queue.pause').count()).toBe(1);
    expect(await audit.rows('queue.resume').count()).toBe(1);
  });
});
