import { Queue } from 'bullmq';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as alertsRoute from '@/app/api/alerts/route';
import * as batchesRoute from '@/app/api/batches/route';
import * as audit from '@/app/api/audit/route';
import * as bulk from '@/app/api/queues/[queue]/bulk/route';
import * as operation from '@/app/api/operations/[id]/route';
import * as connections from '@/app/api/connections/route';
import * as health from '@/app/api/health/route';
import * as job from '@/app/api/queues/[queue]/jobs/[id]/route';
import * as retryJob from '@/app/api/queues/[queue]/jobs/[id]/retry/route';
import * as jobs from '@/app/api/queues/[queue]/jobs/route';
import * as queueRoute from '@/app/api/queues/[queue]/route';
import * as queues from '@/app/api/queues/route';
import { AlertEngine, alertKeys, LeaderLock } from '@/lib/alerts';
import { isLoginBlocked, recordLoginFailure, LOGIN_LIMITS } from '@/lib/auth';
import { stopOperationRunner } from '@/lib/operations';
import { closeBullQueues, discoverQueues, readAllQueueSummaries, type QueueSummary } from '@/lib/queues';
import { BULL_SUFFIX, closeRedis, dataNodes, getRedis, queueKey, type RedisClient } from '@/lib/redis';
import { batch, closeDispatcher, configureDispatcher, defineJob, startWorker } from '@/workers';
import { callRoute } from '../api/call-route';
import { alertLines, startReceiver, type Receiver } from '../alerts/receiver';
import { seedEveryState } from '../helpers/fixtures';
import { connectToCluster, startTestCluster, tagPerMaster, type TestCluster } from '../helpers/cluster';
import { deletePrefix, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';

/**
 * Lookout on a real 3-master Redis Cluster, next to a single Redis: one queue per master (prefixes `{<tag>}` with a
 * tag landing on each master), a queue tagged by its name under a plain prefix, and one whose keys spread over
 * slots. The cluster is shared by the whole file.
 */
let cluster: TestCluster;
/** BullMQ's own connection (producers, workers), as an application would have it. */
let app: Cluster;
let prefixes: string[];
const base = uniquePrefix('cl');
const namespace = `${base}-ns`;
const singlePrefix = `${base}-single`;
const fixtures: { close(): Promise<void> }[] = [];
let receiver: Receiver;

const withConnection = (path: string, connection = 'cluster') => `${path}${path.includes('?') ? '&' : '?'}connection=${connection}`;

beforeAll(async () => {
  cluster = await startTestCluster(3);
  app = await connectToCluster(cluster);
  prefixes = (await tagPerMaster(app, base)).map((tag) => `{${tag}}`);
  process.env.LOOKOUT_NAMESPACE = namespace;
  process.env.LOOKOUT_CONNECTIONS = JSON.stringify([
    { name: 'single', url: testRedisUrl(), prefixes: [singlePrefix] },
    { name: 'cluster', clusterNodes: cluster.nodes, prefixes: [...prefixes, base] },
  ]);
  // One queue with a job in every state on each master…
  for (const prefix of prefixes) fixtures.push(await seedEveryState(app, prefix, 'orders'));
  // …a queue tagged by its name under a plain prefix (BullMQ's other convention)…
  const tagged = new Queue(`{${base}-reports}`, { connection: app, prefix: base });
  await tagged.addBulk([{ name: 'daily', data: {} }, { name: 'weekly', data: {} }]);
  fixtures.push({ close: () => tagged.close() });
  // …and a plain-prefix queue whose keys spread over slots (only its discovery keys, as BullMQ cannot write it).
  await app.hset(queueKey(base, 'spread', BULL_SUFFIX.meta), 'version', 'bullmq:6.7.0');
  await app.set(queueKey(base, 'spread', BULL_SUFFIX.id), '1');
  // The single Redis holds a queue too, so "which connection answered" is visible.
  const single = new Queue('single-only', { connection: { url: testRedisUrl() }, prefix: singlePrefix });
  await single.add('one', {});
  fixtures.push({ close: () => single.close() });
  receiver = await startReceiver();
});

afterAll(async () => {
  await stopOperationRunner();
  for (const fixture of fixtures) await fixture.close();
  await receiver?.close();
  const redis = await getRedis('cluster').catch(() => null);
  if (redis) await closeBullQueues(redis);
  await deletePrefix(await getRedis('single'), singlePrefix);
  await deletePrefix(await getRedis('single'), namespace);
  await closeRedis();
  app?.disconnect();
  await cluster?.stop();
});

const clusterRedis = () => getRedis('cluster');

describe('queues on a Redis Cluster', () => {
  it('discovers the queues of every master, and knows which ones BullMQ can use', async () => {
    const redis = await clusterRedis();
    const masters = dataNodes(redis);
    expect(masters).toHaveLength(3);
    // Each master holds keys of exactly one of the per-master prefixes.
    for (const [index, node] of masters.entries()) {
      const [, keys] = await node.scan('0', 'MATCH', `{${base}-*`, 'COUNT', 10_000);
      expect(keys.length, `master ${index}`).toBeGreaterThan(0);
    }
    const found = await discoverQueues(redis, [...prefixes, base]);
    const names = found.map((ref) => `${ref.prefix} ${ref.name}`);
    for (const prefix of prefixes) expect(names).toEqual(expect.arrayContaining([`${prefix} orders`, `${prefix} orders-children`, `${prefix} orders-paused`]));
    expect(names).toEqual(expect.arrayContaining([`${base} {${base}-reports}`, `${base} spread`]));
  });

  it('counts every state of every queue over all masters, in one pipeline per slot', async () => {
    const summaries = await readAllQueueSummaries(await clusterRedis(), [...prefixes, base]);
    const byKey = new Map(summaries.map((summary) => [`${summary.prefix} ${summary.name}`, summary]));
    for (const prefix of prefixes) {
      expect(byKey.get(`${prefix} orders`)).toMatchObject({
        paused: false,
        counts: { waiting: 3, active: 1, delayed: 1, prioritized: 1, waitingChildren: 1, completed: 1, failed: 1 },
        problems: [],
      } satisfies Partial<QueueSummary>);
      expect(byKey.get(`${prefix} orders-paused`)).toMatchObject({ paused: true, counts: { waiting: 2 } });
      expect(byKey.get(`${prefix} orders`)?.oldestWaitingAgeMs).toBeGreaterThanOrEqual(0);
    }
    expect(byKey.get(`${base} {${base}-reports}`)).toMatchObject({ counts: { waiting: 2 }, problems: [] });
    expect(byKey.get(`${base} spread`)?.problems[0]).toMatch(/spread over several cluster slots/);
  });

  it('counts a worker connected to the master of its queue once', async () => {
    const [summary] = await readAllQueueSummaries(await clusterRedis(), [prefixes[0] ?? '']).then((all) => all.filter((s) => s.name === 'orders'));
    // seedEveryState keeps one Worker (without a processor) connected.
    expect(summary?.workers).toBe(1);
  });
});

describe('the API on two connections', () => {
  it('answers for the default connection without ?connection=, and for the one named', async () => {
    const single = await callRoute(queues.GET, '/api/queues', {});
    expect(single.status).toBe(200);
    expect((single.body.queues as QueueSummary[]).map((queue) => queue.name)).toEqual(['single-only']);
    const onCluster = await callRoute(queues.GET, withConnection('/api/queues'), {});
    expect((onCluster.body.queues as QueueSummary[]).filter((queue) => queue.name === 'orders')).toHaveLength(3);
  });

  it('refuses an unknown connection with 400 naming the field', async () => {
    const answer = await callRoute(queues.GET, withConnection('/api/queues', 'nope'), {});
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'Invalid', field: 'connection' });
    expect((await callRoute(health.GET, withConnection('/api/health', 'nope'), {})).status).toBe(400);
  });

  it('lists the connections with their health, and health answers per connection', async () => {
    const answer = await callRoute(connections.GET, '/api/connections', {});
    expect(answer.body.connections).toEqual([
      { name: 'single', kind: 'single', default: true, redis: 'up' },
      { name: 'cluster', kind: 'cluster', default: false, redis: 'up' },
    ]);
    expect((await callRoute(health.GET, withConnection('/api/health'), {})).body).toMatchObject({ status: 'ok', redis: 'up' });
  });

  it('pages jobs, reads one, retries it and deletes one on a cluster queue, and audits it there', async () => {
    const prefix = prefixes[1] ?? '';
    const at = (path: string) => withConnection(`${path}?prefix=${encodeURIComponent(prefix)}`);
    const page = await callRoute(jobs.GET, at('/api/queues/orders/jobs').replace('?prefix', '?state=waiting&prefix'), { queue: 'orders' });
    expect((page.body.jobs as { id: string }[]).map((entry) => entry.id)).toEqual(['w1', 'w2', 'w3']);
    const detail = await callRoute(job.GET, at('/api/queues/orders/jobs/f1'), { queue: 'orders', id: 'f1' });
    expect(detail.body).toMatchObject({ id: 'f1', state: 'failed', failedReason: 'card declined for order 2', logs: ['calling the payment provider'] });

    expect(await callRoute(retryJob.POST, at('/api/queues/orders/jobs/f1/retry'), { queue: 'orders', id: 'f1' }, { method: 'POST' })).toEqual({
      status: 200,
      body: { ok: true, previousState: 'failed' },
    });
    expect((await callRoute(retryJob.POST, at('/api/queues/orders/jobs/f1/retry'), { queue: 'orders', id: 'f1' }, { method: 'POST' })).status).toBe(409);
    expect((await callRoute(job.DELETE, at('/api/queues/orders/jobs/d1'), { queue: 'orders', id: 'd1' }, { method: 'DELETE' })).status).toBe(200);
    expect((await callRoute(job.GET, at('/api/queues/orders/jobs/d1'), { queue: 'orders', id: 'd1' })).status).toBe(404);
    expect((await callRoute(job.DELETE, at('/api/queues/orders/jobs/a1'), { queue: 'orders', id: 'a1' }, { method: 'DELETE' })).status).toBe(409);

    const detailAfter = await callRoute(queueRoute.GET, at('/api/queues/orders'), { queue: 'orders' });
    expect(detailAfter.body).toMatchObject({ counts: { waiting: 4, delayed: 0, failed: 0 } });
    const trail = await callRoute(audit.GET, withConnection('/api/audit'), {});
    const entries = (trail.body.entries as { action: string; prefix: string; jobIds: string[]; result: string }[]).filter((entry) => entry.prefix === prefix);
    expect(entries.map((entry) => `${entry.action} ${entry.jobIds.join(',')} ${entry.result}`)).toEqual([
      'job.delete a1 error',
      'job.delete d1 ok',
      'job.retry f1 error',
      'job.retry f1 ok',
    ]);
    // The audit log of the single Redis did not hear of it.
    const singleTrail = await callRoute(audit.GET, '/api/audit', {});
    expect((singleTrail.body.entries as { prefix: string }[]).filter((entry) => entry.prefix === prefix)).toEqual([]);
  });

  it("runs a background bulk operation on a cluster queue, with the runner of that connection, and audits it there", async () => {
    const prefix = prefixes[0] ?? '';
    const started = await callRoute(bulk.POST, withConnection(`/api/queues/orders/bulk?prefix=${encodeURIComponent(prefix)}`), { queue: 'orders' }, {
      method: 'POST',
      body: JSON.stringify({ action: 'retry', state: 'failed' }),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.operationId as string;
    const done = await waitFor(
      async () => {
        const { body } = await callRoute(operation.GET, withConnection(`/api/operations/${id}`), { id });
        return body.state === 'done' ? body : null;
      },
      20_000,
      'the operation to finish',
    );
    expect(done).toMatchObject({ id, action: 'retry', state: 'done', done: 1, total: 1, failed: 0, queue: 'orders', prefix });
    const orders = new Queue('orders', { connection: app, prefix });
    fixtures.push({ close: () => orders.close() });
    expect(await orders.getJobState('f1')).toBe('waiting');
    // The operation lives in the cluster: the default connection does not know it.
    expect((await callRoute(operation.GET, `/api/operations/${id}`, { id })).status).toBe(404);
    await waitFor(
      async () => {
        const trail = await callRoute(audit.GET, withConnection('/api/audit'), {});
        return (trail.body.entries as { action: string; params: Record<string, unknown> }[]).some((entry) => entry.action === 'bulk.retry' && entry.params.operationId === id);
      },
      20_000,
      'the audit entry of the operation',
    );
  });

  it('runs a batch of the worker runtime on a queue tagged by its name, and lists it on the Batches API at 100 %', async () => {
    // A plain prefix: the batch record and its index must share a slot of their own, whatever slot the queue has.
    const prefix = base;
    const queue = `{${base}-exports}`;
    const exportRow = defineJob({ name: 'export-row', queue, handle: (data: { row: number }) => data.row });
    configureDispatcher({ connection: { clusterNodes: cluster.nodes }, prefix });
    const worker = await startWorker({ connection: { clusterNodes: cluster.nodes }, prefix, queues: [queue], jobs: [exportRow], heartbeatIntervalMs: 1000, sleep: 1 });
    try {
      const dispatched = await batch([1, 2, 3, 4, 5].map((row) => exportRow.with({ row }))).name('cluster export').dispatch();
      const listed = await waitFor(
        async () => {
          const { status, body } = await callRoute(batchesRoute.GET, withConnection('/api/batches'), {});
          expect(status).toBe(200);
          const found = (body.batches as { id: string; progress: number; state: string }[]).find((entry) => entry.id === dispatched.id);
          return found?.state === 'finished' ? found : null;
        },
        20_000,
        'the batch to finish',
      );
      expect(listed).toMatchObject({ name: 'cluster export', prefix, queue, total: 5, pending: 0, failed: 0, progress: 100 });
    } finally {
      await worker.stop(0);
      await closeDispatcher();
    }
  });

  it('refuses a queue whose keys spread over slots with 409 and says why', async () => {
    const answer = await callRoute(queueRoute.GET, withConnection('/api/queues/spread'), { queue: 'spread' });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.message).toMatch(/use a prefix such as \{bull\}/);
  });
});

describe("Lookout's own keys on a cluster", () => {
  it('evaluates alerts with the fenced commit in one slot, labelled with the connection', async () => {
    const redis: RedisClient = await clusterRedis();
    const prefix = prefixes[2] ?? '';
    const engine = new AlertEngine({
      redis,
      connection: 'cluster',
      sampleQueues: (now) => readAllQueueSummaries(redis, [prefix], now),
      settings: {
        namespace,
        rules: { QueueLengthWarning: { threshold: 2, forMs: 0 }, QueueLengthCritical: { enabled: false }, OldestJobTooOld: { enabled: false }, FailureRateHigh: { enabled: false }, WorkersMissing: { enabled: false }, RedisDown: { enabled: false } },
        webhooks: [{ id: 'test', name: 'test', url: receiver.url, format: 'alertmanager', source: 'env' }],
        externalUrl: 'http://lookout.test',
      },
      lock: { ttlMs: 5000 },
    });
    const first = await engine.tick(Date.now());
    expect(first).toMatchObject({ redis: 'up', leader: true, error: null });
    expect(first.active.map((alert) => `${alert.connection} ${alert.rule} ${alert.queue}`)).toEqual(['cluster QueueLengthWarning orders']);
    await engine.deliveries.idle();
    const sent = receiver.requests.find((request) => request.body.includes(prefix));
    expect((sent?.json.alerts as { labels: Record<string, string> }[])[0]?.labels).toMatchObject({ alertname: 'QueueLengthWarning', connection: 'cluster', queue: 'orders' });

    // The API of that connection shows it; the single Redis has no alerts.
    const shown = await callRoute(alertsRoute.GET, withConnection('/api/alerts'), {});
    expect((shown.body.active as { queue: string; connection: string }[]).map((alert) => `${alert.connection} ${alert.queue}`)).toEqual(['cluster orders']);
    expect((await callRoute(alertsRoute.GET, '/api/alerts', {})).body.active).toEqual([]);

    await new Queue('orders', { connection: app, prefix }).drain(true);
    await engine.tick(Date.now());
    await engine.deliveries.idle();
    await engine.close();
    expect(alertLines(receiver.requests.filter((request) => request.body.includes(prefix)))).toEqual(['firing QueueLengthWarning orders', 'resolved QueueLengthWarning orders']);
  });

  it('fences a stale leader out on a cluster too', async () => {
    const redis = await clusterRedis();
    const keys = alertKeys(`${namespace}-fence`);
    const stale = new LeaderLock(redis, keys.leader, keys.fence, { ttlMs: 200 });
    const fresh = new LeaderLock(redis, keys.leader, keys.fence, { ttlMs: 10_000 });
    expect(await stale.hold()).toBe(true);
    await waitFor(async () => fresh.hold(), 5000, 'the stale lock to expire');
    expect(await stale.hold()).toBe(false);
    await fresh.release();
    await deletePrefix(redis, `${namespace}-fence`);
  });

  it('throttles sign-ins with its MULTI in one slot', async () => {
    const redis = await clusterRedis();
    const ip = `10.9.9.9-${base}`;
    for (let attempt = 0; attempt < LOGIN_LIMITS.perIp.failures; attempt++) await recordLoginFailure(redis, ip, `user-${base}`);
    expect(await isLoginBlocked(redis, ip, `user-${base}`)).toBe(true);
  });
});
