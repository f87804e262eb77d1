import { Queue, Worker } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../lib/auth/passwords';
import { batch, closeDispatcher, configureDispatcher, defineJob } from '../workers';
import { BatchPage } from './pages/batch-page';
import { LoginPage } from './pages/login-page';
import { OverviewPage } from './pages/overview-page';
import { QueuePage } from './pages/queue-page';
import { launchBrowser } from './support/browser';
import { httpSignIn } from './support/http-login';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;
let page: Page;
let batchId = '';
const invoiceExport = defineJob({ name: 'export-invoice', queue: 'invoice-exports', handle: () => undefined });

beforeAll(async () => {
  const users = [
    `vera:viewer:${await hashPassword('viewer-password')}`,
    `otto:operator:${await hashPassword('operator-password')}`,
  ].join(',');
  stack = await startStack('auth', { LOOKOUT_AUTH: '', LOOKOUT_USERS: users, NEXTAUTH_SECRET: 'e2e-secret-0123456789abcdef' });
  const connection = { url: stack.redisUrl };
  const queue = new Queue('billing', { connection, prefix: 'auth' });
  await queue.add('invoice', { n: 1 });
  // One failed job to retry: as a viewer (refused) and as an operator (allowed).
  await queue.add('charge', { n: 2 }, { jobId: 'declined' });
  const worker = new Worker('billing', null, { connection, prefix: 'auth' });
  await worker.getNextJob('t');
  // getNextJob takes the oldest waiting job first; fail only the one meant to fail.
  const second = await worker.getNextJob('t');
  await second?.moveToFailed(new Error('card declined'), 't', false);
  await worker.close(true);
  await queue.close();
  // A running batch (no worker serves its queue), whose Cancel button only operators get.
  configureDispatcher({ connection: stack.redisUrl, prefix: 'auth' });
  batchId = (await batch([1, 2].map((n) => invoiceExport.with({ n }))).name('invoice exports').dispatch()).id;
  await closeDispatcher();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('access control', () => {
  it('sends a visitor to the login page and keeps the API closed', async () => {
    await page.goto(`${stack.baseUrl}/queues/billing`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await fetch(`${stack.baseUrl}/api/queues`)).status).toBe(401);
  });

  it('sets security headers with a per-request script nonce', async () => {
    const first = await fetch(`${stack.baseUrl}/login`);
    const second = await fetch(`${stack.baseUrl}/login`);
    const csp = first.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').find((directive) => directive.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    expect(first.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('rejects a wrong password, signs a viewer in, and signs out', async () => {
    const login = new LoginPage(page);
    await login.waitUntilShown();
    await login.signIn('vera', 'not-the-password');
    await expect.poll(() => login.error.textContent()).toContain('Wrong user name or password');
    await login.signIn('vera', 'viewer-password');
    const overview = new OverviewPage(page);
    await expect.poll(() => page.url()).toMatch(/\/queues\/billing$/);
    await page.getByTestId('user-role').waitFor();
    expect(await page.getByTestId('user-role').textContent()).toBe('viewer');
    await overview.open(stack.baseUrl);
    await expect.poll(() => overview.count('billing', 'failed').textContent()).toBe('1');

    // A viewer sees the failed job but no buttons, and a hand-made POST from the page is refused.
    await page.goto(`${stack.baseUrl}/queues/billing?state=failed`);
    const queue = new QueuePage(page);
    await queue.jobRow('declined').waitFor();
    expect(await queue.jobRow('declined').getByTestId('row-retry').count()).toBe(0);
    expect(await page.getByTestId('retry-all').count()).toBe(0);
    const crafted = await page.evaluate(async () => (await fetch('/api/queues/billing/jobs/declined/retry', { method: 'POST' })).status);
    expect(crafted).toBe(403);

    // Nor on a batch's page.
    const batchPage = new BatchPage(page);
    await page.goto(`${stack.baseUrl}/batches/${batchId}?prefix=auth`);
    await expect.poll(() => batchPage.name.textContent()).toBe('invoice exports');
    expect(await batchPage.action('cancel').count()).toBe(0);
    const craftedCancel = await page.evaluate(async (id) => (await fetch(`/api/batches/${id}/cancel?prefix=auth`, { method: 'POST' })).status, batchId);
    expect(craftedCancel).toBe(403);

    await page.getByTestId('sign-out').click();
    await login.waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('lets an operator retry the job, then sign out', async () => {
    const login = new LoginPage(page);
    await login.waitUntilShown();
    await login.signIn('otto', 'operator-password');
    await page.getByTestId('user-role').waitFor();
    expect(await page.getByTestId('user-role').textContent()).toBe('operator');
    await page.goto(`${stack.baseUrl}/queues/billing?state=failed`);
    const queue = new QueuePage(page);
    await queue.jobAction('declined', 'retry');
    await queue.jobRow('declined').waitFor({ state: 'detached' });
    // The row leaves the page before the server has answered (optimistic update): wait for the audit entry.
    const newestAudit = async () =>
      ((await page.evaluate(async () => (await fetch('/api/audit')).json())) as { entries: Array<{ actor: { name: string }; action: string }> }).entries[0];
    await expect.poll(newestAudit).toMatchObject({ actor: { name: 'otto' }, action: expect.stringContaining('retry') });

    await page.goto(`${stack.baseUrl}/batches/${batchId}?prefix=auth`);
    await new BatchPage(page).action('cancel').waitFor();
    await page.getByTestId('sign-out').click();
    await login.waitUntilShown();
  });

  it('locks out an address after 20 wrong passwords while the user can still sign in from elsewhere', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await httpSignIn(stack.baseUrl, 'otto', `wrong-${attempt}`, '203.0.113.7')).error).toBe('CredentialsSignin');
    }
    const blocked = await httpSignIn(stack.baseUrl, 'otto', 'operator-password', '203.0.113.7');
    expect(blocked).toEqual({ sessionCookie: null, error: 'TooManyAttempts' });
    const elsewhere = await httpSignIn(stack.baseUrl, 'otto', 'operator-password', '198.51.100.20');
    expect(elsewhere.error).toBeNull();
    expect(elsewhere.sessionCookie).toMatch(/^next-auth\.session-token=/);
    const me = await fetch(`${stack.baseUrl}/api/me`, { headers: { cookie: elsewhere.sessionCookie ?? '' } });
    expect(await me.json()).toMatchObject({ name: 'otto', role: 'operator', via: 'session' });
  });
});
