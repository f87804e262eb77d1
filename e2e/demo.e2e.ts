// The real `npm run demo` process, as a newcomer runs it: its failing webhooks raise an alert, its batch finishes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../lib/auth/passwords';
import { AlertsPage } from './pages/alerts-page';
import { BatchesPage } from './pages/batches-page';
import { LoginPage } from './pages/login-page';
import { OverviewPage } from './pages/overview-page';
import { QueuePage } from './pages/queue-page';
import { launchBrowser } from './support/browser';
import { startDemo, type DemoProcess } from './support/demo';

// The real `lookout demo` (supervised workers, traffic, monitor, dashboard), with a login so an operator signs in.
let demo: DemoProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  demo = await startDemo({
    LOOKOUT_AUTH: '',
    LOOKOUT_USERS: `olga:operator:${await hashPassword('operator-password')}`,
    NEXTAUTH_SECRET: 'e2e-secret-0123456789abcdef',
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe("the demo's failing webhooks", () => {
  it('fire FailureRateHigh on the Alerts page, badge the queue on the Overview and its page, and an operator silences the alert', async () => {
    const alerts = new AlertsPage(page);
    await alerts.open(demo.baseUrl);
    const login = new LoginPage(page);
    await login.waitUntilShown();
    await login.signIn('olga', 'operator-password');
    await alerts.waitUntilShown();

    // About one in eight customer webhooks fails for good; the monitor evaluates every 5 s.
    const row = alerts.alert('firing', 'FailureRateHigh', 'webhooks');
    await row.waitFor({ timeout: 75_000 });
    const value = Number.parseFloat((await row.getByTestId('alert-value').textContent()) ?? '');
    expect(value).toBeGreaterThan(5);
    expect(await row.getByTestId('alert-summary').textContent()).toContain('FailureRateHigh on webhooks');
    // The timeline draws it firing up to now.
    await expect.poll(() => alerts.timelineSpans('FailureRateHigh', 'webhooks').last().getAttribute('data-state'), { timeout: 20_000 }).toBe('firing');

    await alerts.silence(row, 60);
    await row.getByTestId('silenced-until').waitFor();
    // Silenced, still evaluated: after a reload it is still firing, and still silenced.
    await page.reload();
    await alerts.waitUntilShown();
    await row.getByTestId('silenced-until').waitFor();
    expect(await row.getByTestId('unsilence-button').count()).toBe(1);

    const overview = new OverviewPage(page);
    await overview.open(demo.baseUrl);
    // The sidebar counts every firing alert of the connection (the webhooks one at least).
    expect(Number(await page.getByTestId('nav-alerts-firing').textContent())).toBeGreaterThanOrEqual(1);
    const badge = overview.queueRow('webhooks').getByTestId('alert-badge');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('1 firing');
    expect(await badge.getAttribute('data-severity')).toBe('warning');
    await expect.poll(() => overview.queueRow('reports').getByTestId('alert-badge').count()).toBe(0);

    await overview.openQueue('webhooks');
    const queue = new QueuePage(page);
    await queue.alertBadge.waitFor();
    expect(await queue.alertBadge.textContent()).toBe('1 firing');
  });
});

describe("the demo's batch", () => {
  it('shows on the Batches page and reaches 100 %', async () => {
    // Signed in by the test above; the demo dispatches an image-import batch at start and every 30 s.
    const batches = new BatchesPage(page);
    await batches.open(demo.baseUrl);
    const row = batches.row('import gallery-');
    await row.waitFor({ timeout: 30_000 });
    const id = (await row.getAttribute('data-batch-id')) ?? '';
    await expect.poll(() => batches.progress(batches.byId(id)), { timeout: 60_000, interval: 500 }).toBe(100);
    expect(await batches.byId(id).getByTestId('batch-counts').textContent()).toBe('12 of 12 done');
  });
});
