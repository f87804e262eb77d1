import { Queue, Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../lib/config';
import { createLookoutMonitor } from '../lib/monitor';
import { startTestCluster, type TestCluster } from '../test/helpers/cluster';
import { ConnectionSwitcher } from './pages/connections';
import { JobPage } from './pages/job-page';
import { MetricsPanel } from './pages/metrics-panel';
import { OverviewPage } from './pages/overview-page';
import { QueuePage } from './pages/queue-page';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';

/** One dashboard watching two connections: its own single Redis ("local", the default) and a Redis Cluster. */
let cluster: TestCluster;
let app: Cluster;
let stack: Stack;
let browser: Browser;
let page: Page;
const closers: (() => Promise<unknown>)[] = [];

async function seedFailedJob(queue: Queue, worker: Worker, id: string, reason: string) {
  await queue.add('charge', { id }, { jobId: id });
  const job = await worker.getNextJob('e2e-token');
  await job?.moveToFailed(new Error(reason), 'e2e-token', false);
}

beforeAll(async () => {
  cluster = await startTestCluster(3);
  app = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })), { redisOptions: { maxRetriesPerRequest: null } });
  stack = await startStack('e2e-local', (redisUrl) => ({
    LOOKOUT_CONNECTIONS: JSON.stringify([
      { name: 'local', url: redisUrl },
      { name: 'cluster', clusterNodes: cluster.nodes, prefixes: ['{e2e}'] },
    ]),
  }));
  const local = new Queue('local-orders', { connection: { url: stack.redisUrl }, prefix: 'e2e-local' });
  await local.addBulk([{ name: 'a', data: {} }, { name: 'b', data: {} }]);
  const onCluster = new Queue('cluster-orders', { connection: app, prefix: '{e2e}' });
  const worker = new Worker('cluster-orders', null, { connection: app, prefix: '{e2e}' });
  // The worker takes the oldest waiting job: fail that one before adding the ones that stay waiting.
  await seedFailedJob(onCluster, worker, 'boom1', 'card declined on the cluster');
  await onCluster.addBulk([{ name: 'x', data: {} }, { name: 'y', data: {} }, { name: 'z', data: {} }]);
  closers.push(() => worker.close(true), () => onCluster.close(), () => local.close());
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  for (const close of closers) await close();
  app?.disconnect();
  await stack?.stop();
  await cluster?.stop();
});

describe('two connections, a single Redis and a cluster', () => {
  it('lists both side by side, with their health, and shows the default one first', async () => {
    const overview = new OverviewPage(page);
    await overview.open(stack.baseUrl);
    const switcher = new ConnectionSwitcher(page);
    await expect.poll(() => switcher.links.count()).toBe(2);
    expect(await switcher.links.evaluateAll((links) => links.map((link) => link.getAttribute('data-connection')))).toEqual(['local', 'cluster']);
    await expect.poll(() => switcher.status('cluster').getAttribute('data-status')).toBe('up');
    expect(await switcher.status('local').getAttribute('data-status')).toBe('up');
    expect(await switcher.current()).toBe('local');
    await expect.poll(() => overview.count('local-orders', 'waiting').textContent()).toBe('2');
    expect(await overview.queueRow('cluster-orders').count()).toBe(0);
  });

  it('switches to the cluster, and its links keep it down to a job', async () => {
    const overview = new OverviewPage(page);
    const switcher = new ConnectionSwitcher(page);
    await switcher.select('cluster');
    await expect.poll(() => overview.count('cluster-orders', 'waiting').textContent()).toBe('3');
    expect(await overview.count('cluster-orders', 'failed').textContent()).toBe('1');
    expect(await overview.queueRow('local-orders').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('connection')).toBe('cluster');
    expect(await switcher.current()).toBe('cluster');

    await overview.openQueue('cluster-orders');
    const queue = new QueuePage(page);
    await queue.selectState('failed');
    await queue.openJob('boom1');
    const job = new JobPage(page);
    await expect.poll(() => job.failedReason.textContent()).toBe('card declined on the cluster');
    expect(new URL(page.url()).searchParams.get('connection')).toBe('cluster');

    // Back to the default connection from the sidebar.
    await switcher.select('local');
    await expect.poll(() => overview.count('local-orders', 'waiting').textContent()).toBe('2');
  });

  it('retries a job on the cluster from the dashboard', async () => {
    await page.goto(`${stack.baseUrl}/queues/cluster-orders/jobs/boom1?connection=cluster`);
    const job = new JobPage(page);
    await job.action('retry').click();
    const state = async () => ((await (await fetch(`${stack.baseUrl}/api/queues/cluster-orders/jobs/boom1?connection=cluster`)).json()) as { state: string }).state;
    await expect.poll(state).toBe('waiting');
    // The action went to the cluster's audit log, not the single Redis's.
    const audit = async (query: string) => ((await (await fetch(`${stack.baseUrl}/api/audit${query}`)).json()) as { entries: { action: string }[] }).entries;
    expect((await audit('?connection=cluster')).map((entry) => entry.action)).toEqual(['job.retry']);
    expect(await audit('')).toEqual([]);
  });

  it('answers API calls without a connection for the default one', async () => {
    const names = async (query: string) =>
      ((await (await fetch(`${stack.baseUrl}/api/queues${query}`)).json()) as { queues: { name: string }[] }).queues.map((queue) => queue.name);
    expect(await names('')).toEqual(['local-orders']);
    expect(await names('?connection=cluster')).toEqual(['cluster-orders']);
    const unknown = await fetch(`${stack.baseUrl}/api/queues?connection=nope`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { field: string } }).error.field).toBe('connection');
    expect((await fetch(`${stack.baseUrl}/api/health`)).status).toBe(200);
  });

  it('shows the metrics of a cluster queue that a BullMQ worker ran, sampled by the monitor', async () => {
    const mails = new Queue('cluster-mails', { connection: app, prefix: '{e2e}' });
    const worker = new Worker('cluster-mails', async () => 'sent', { connection: app, prefix: '{e2e}' });
    closers.unshift(() => worker.close(), () => mails.close());
    await mails.addBulk(Array.from({ length: 4 }, (_, n) => ({ name: 'notify', data: { n } })));
    await expect.poll(async () => (await mails.getJobCounts('completed')).completed, { timeout: 30_000 }).toBe(4);
    // The monitor, as `lookout monitor` runs it for this connection (same namespace as the web server), a fast one.
    const monitor = createLookoutMonitor({
      redis: app,
      config: readConfig({ ...process.env, LOOKOUT_PREFIXES: '{e2e}', LOOKOUT_MONITOR_INTERVAL_MS: '500' }),
      log: () => undefined,
    });
    monitor.start();
    closers.unshift(() => monitor.stop());

    const overview = new OverviewPage(page);
    await overview.open(stack.baseUrl);
    await new ConnectionSwitcher(page).select('cluster');
    await expect.poll(() => overview.count('cluster-mails', 'completed').textContent(), { timeout: 30_000 }).toBe('4');
    await overview.openQueue('cluster-mails');
    const metrics = new MetricsPanel(page);
    await metrics.jobNameRow('notify').waitFor({ timeout: 60_000 });
    await expect.poll(() => metrics.jobNameRow('notify').getByTestId('job-name-completed').textContent(), { timeout: 30_000 }).toBe('4');
    await expect.poll(() => metrics.chart('throughput').getAttribute('data-nonempty'), { timeout: 30_000 }).toBe('true');
    expect(new URL(page.url()).searchParams.get('connection')).toBe('cluster');
  });
});
