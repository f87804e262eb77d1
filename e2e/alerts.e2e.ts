import { Queue } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertEngine } from '../lib/alerts';
import { hashPassword } from '../lib/auth/passwords';
import { readAllQueueSummaries } from '../lib/queues';
import { createRedis, type Redis } from '../lib/redis';
import { AlertsPage } from './pages/alerts-page';
import { LoginPage } from './pages/login-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;
let page: Page;
let redis: Redis;
let engine: AlertEngine;

beforeAll(async () => {
  const users = `olga:operator:${await hashPassword('operator-password')}`;
  stack = await startStack('alerte2e', { LOOKOUT_AUTH: '', LOOKOUT_USERS: users, NEXTAUTH_SECRET: 'e2e-secret-0123456789abcdef' });
  // A backlog nobody works on: 25 jobs waiting on a queue without a worker.
  const queue = new Queue('payouts', { connection: { url: stack.redisUrl }, prefix: 'alerte2e' });
  await queue.addBulk(Array.from({ length: 25 }, (_, n) => ({ name: 'payout', data: { n } })));
  await queue.close();
  // The evaluator the monitor runs, on the same Redis as the dashboard, with WorkersMissing's `for` shortened.
  redis = createRedis(stack.redisUrl);
  engine = new AlertEngine({
    redis,
    sampleQueues: (now) => readAllQueueSummaries(redis, ['alerte2e'], now),
    settings: { namespace: 'lookout', rules: { WorkersMissing: { forMs: 0 } }, webhooks: [], externalUrl: stack.baseUrl },
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await engine?.close();
  redis?.disconnect();
  await browser?.close();
  await stack?.stop();
});

describe('alerts page', () => {
  it('shows an alert raised by real queue state, and an operator silences it', async () => {
    expect((await engine.tick(Date.now())).active).toMatchObject([{ rule: 'WorkersMissing', queue: 'payouts', state: 'firing' }]);

    const alerts = new AlertsPage(page);
    await alerts.open(stack.baseUrl);
    const login = new LoginPage(page);
    await login.waitUntilShown();
    await login.signIn('olga', 'operator-password');
    await alerts.waitUntilShown();

    const row = alerts.alert('firing', 'WorkersMissing', 'payouts');
    await row.waitFor();
    expect(await row.getByTestId('alert-value').textContent()).toBe('25 jobs');
    expect(await row.getByTestId('alert-summary').textContent()).toBe('WorkersMissing on payouts: 25 jobs waiting and no live worker');
    // An operator silences but does not edit rules or webhooks.
    await alerts.rulesList.waitFor();
    expect(await alerts.rulesEditor.count()).toBe(0);
    expect(await alerts.webhooks.count()).toBe(0);

    await alerts.silence(row, 60);
    await row.getByTestId('silenced-until').waitFor();
    const api = await (await fetch(`${stack.baseUrl}/api/alerts`, { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).json();
    const silencedUntil = (api as { active: { silencedUntil: number }[] }).active[0]?.silencedUntil ?? 0;
    expect(silencedUntil).toBeGreaterThan(Date.now() + 59 * 60_000);

    // Still evaluated while silenced: the next tick keeps it firing.
    expect((await engine.tick(Date.now())).active).toMatchObject([{ rule: 'WorkersMissing', state: 'firing' }]);
    expect(await row.getByTestId('unsilence-button').count()).toBe(1);
  });
});
