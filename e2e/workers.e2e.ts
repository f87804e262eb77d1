import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Worker } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkersPage } from './pages/workers-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';

const ROOT = resolve(import.meta.dirname, '..');
const PREFIX = 'wk';
// Short beats so a killed worker turns stale in seconds (stale after 3 beats, gone after 6).
const HEARTBEAT_MS = 2000;

let stack: Stack;
let browser: Browser;
let page: Page;
let supervisor: ChildProcess;
let supervisorStartedAt: number;
let plain: Worker;

beforeAll(async () => {
  stack = await startStack(PREFIX);
  plain = new Worker('legacy-reports', async () => undefined, { connection: { url: stack.redisUrl }, prefix: PREFIX, name: 'legacy-reporter' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  supervisorStartedAt = Date.now();
  // The demo's supervisors and jobs, as `npm run demo` runs them.
  supervisor = spawn(process.execPath, [resolve(ROOT, 'bin/lookout.mjs'), 'supervise', 'workers/demo/lookout.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: stack.redisUrl, LOOKOUT_PREFIXES: PREFIX, LOOKOUT_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
});

afterAll(async () => {
  if (supervisor && supervisor.exitCode === null) {
    const exited = new Promise((done) => supervisor.once('exit', done));
    supervisor.kill('SIGTERM');
    await exited;
  }
  await plain?.close();
  await browser?.close();
  await stack?.stop();
});

describe('Workers page', () => {
  it("shows the demo's supervisors and their running workers within 10 s of start, plus plain BullMQ workers", async () => {
    const workers = new WorkersPage(page);
    await workers.open(stack.baseUrl);
    await expect.poll(() => workers.runningWorkers().count(), { timeout: 10_000 - (Date.now() - supervisorStartedAt) }).toBe(2);
    expect(await workers.supervisor('web-traffic').textContent()).toContain('emails, partner-sync');
    expect(await workers.supervisor('media').textContent()).toContain('reports, images');
    const legacy = workers.workers('bullmq');
    await expect.poll(() => legacy.count()).toBe(1);
    expect(await legacy.textContent()).toContain('legacy-reporter');
    expect(await legacy.textContent()).toContain('BullMQ');
  });

  it('turns a worker killed with -9 stale, and its supervisor starts a new one', async () => {
    const workers = new WorkersPage(page);
    const victim = workers.runningWorkers().first();
    const id = await victim.getAttribute('data-worker-id');
    const pid = Number(await victim.getAttribute('data-pid'));
    expect(id).toBeTruthy();
    process.kill(pid, 'SIGKILL');
    const row = workers.worker(id ?? '');
    await expect.poll(() => workers.status(row), { timeout: 30_000 }).toBe('stale');
    // The supervisor restarted the process: two running workers again.
    await expect.poll(() => workers.runningWorkers().count(), { timeout: 20_000 }).toBe(2);
  });
});
