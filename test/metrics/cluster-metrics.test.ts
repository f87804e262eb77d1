import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as metricsRoute from '@/app/api/metrics/route';
import * as jobNamesRoute from '@/app/api/metrics/job-names/route';
import * as summaryRoute from '@/app/api/metrics/summary/route';
import * as workersRoute from '@/app/api/workers/route';
import * as prometheusRoute from '@/app/metrics/route';
import { readConfig } from '@/lib/config';
import { MetricsRecorder, totalsKey, type JobNameMetrics, type MetricPoint, type MetricsSummary } from '@/lib/metrics';
import { createLookoutMonitor, monitorLeaderKey, type Monitor } from '@/lib/monitor';
import { closeBullQueues, readAllQueueSummaries } from '@/lib/queues';
import { closeRedis, dataNodes, escapeGlob, getRedis, hashedPart, lookoutKey, type RedisClient } from '@/lib/redis';
import type { WorkerView, WorkersOverview } from '@/lib/workers';
import { HeartbeatLoop, startWorker } from '@/workers';
import { callRoute } from '../api/call-route';
import { connectToCluster, startTestCluster, tagPerMaster, type TestCluster } from '../helpers/cluster';
import { finishedEvent } from '../helpers/metrics';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';

/**
 * The metrics store, the monitor and worker heartbeats on a real 3-master Redis Cluster, next to a single Redis: one
 * queue per master (prefixes `{<tag>}` with a tag landing on each master), run by real BullMQ workers; the monitor's
 * sampler reads what they finished and the API answers per connection.
 */
const LOOKOUT = join(import.meta.dirname, '..', '..', 'bin', 'lookout.mjs');
const RUNTIME_JOBS = join(import.meta.dirname, 'fixtures', 'cluster-jobs.ts');
const base = uniquePrefix('cm');
const namespace = `${base}-ns`;
const singlePrefix = `${base}-single`;
/** Jobs per master's queue: `welcome` jobs complete, `receipt` jobs fail (one attempt). */
const PLAN = [
  { completed: 3, failed: 1 },
  { completed: 4, failed: 2 },
  { completed: 5, failed: 0 },
];
const single = testRedis();
let cluster: TestCluster;
/** BullMQ's own connection (producers, workers), as an application would have it. */
let app: Cluster;
let prefixes: string[];
const closers: (() => Promise<unknown>)[] = [];
const monitors: Monitor[] = [];
const children: ChildProcess[] = [];

/** The real `lookout` binary with these variables; stopped after the file, its output kept for failure messages. */
function lookoutProcess(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [LOOKOUT, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

const onCluster = (path: string) => `${path}${path.includes('?') ? '&' : '?'}connection=cluster`;
const total = (points: MetricPoint[], field: 'completed' | 'failed') => points.reduce((sum, point) => sum + point[field], 0);

async function seriesTotals(path: string): Promise<{ completed: number; failed: number }> {
  const { status, body } = await callRoute(metricsRoute.GET, path, {});
  expect(status, JSON.stringify(body)).toBe(200);
  const points = body.points as MetricPoint[];
  return { completed: total(points, 'completed'), failed: total(points, 'failed') };
}

const queueTotals = (prefix: string, queue = 'emails') => seriesTotals(onCluster(`/api/metrics?queue=${queue}&prefix=${encodeURIComponent(prefix)}&range=3600`));

beforeAll(async () => {
  cluster = await startTestCluster(3);
  app = await connectToCluster(cluster);
  prefixes = (await tagPerMaster(app, base)).map((tag) => `{${tag}}`);
  process.env.LOOKOUT_NAMESPACE = namespace;
  process.env.LOOKOUT_CONNECTIONS = JSON.stringify([
    { name: 'single', url: testRedisUrl(), prefixes: [singlePrefix] },
    { name: 'cluster', clusterNodes: cluster.nodes, prefixes },
  ]);

  // One queue on each master, worked by a real BullMQ worker until every job has finished.
  for (const [index, prefix] of prefixes.entries()) {
    const plan = PLAN[index] ?? { completed: 0, failed: 0 };
    const queue = new Queue('emails', { connection: app, prefix });
    const worker = new Worker(
      'emails',
      async (job) => {
        if (job.name === 'receipt') throw new Error('smtp down');
        return 'sent';
      },
      { connection: app, prefix, concurrency: 2 },
    );
    closers.push(() => worker.close(), () => queue.close());
    await queue.addBulk([
      ...Array.from({ length: plan.completed }, (_, n) => ({ name: 'welcome', data: { n } })),
      ...Array.from({ length: plan.failed }, (_, n) => ({ name: 'receipt', data: { n }, opts: { attempts: 1 } })),
    ]);
    await waitFor(
      async () => {
        const counts = await queue.getJobCounts('completed', 'failed');
        return counts.completed === plan.completed && counts.failed === plan.failed;
      },
      30_000,
      `the jobs of ${prefix} to finish`,
    );
  }
}, 180_000);

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  for (const monitor of monitors) await monitor.stop();
  for (const close of closers.reverse()) await close();
  const redis = await getRedis('cluster').catch(() => null);
  if (redis) await closeBullQueues(redis);
  await deletePrefix(single, singlePrefix);
  for (const suffix of ['', '-proc']) await deletePrefix(single, `${namespace}${suffix}`);
  await closeRedis();
  single.disconnect();
  app?.disconnect();
  await cluster?.stop();
});

function clusterMonitor(redis: RedisClient): Monitor {
  const monitor = createLookoutMonitor({
    redis,
    config: { ...readConfig(), LOOKOUT_PREFIXES: prefixes, LOOKOUT_MONITOR_INTERVAL_MS: 1000 },
    log: () => undefined,
  });
  monitors.push(monitor);
  return monitor;
}

describe('metrics on a Redis Cluster', () => {
  it("the monitor's sampler counts what plain BullMQ workers finished on every master", async () => {
    const redis = await getRedis('cluster');
    const monitor = clusterMonitor(redis);
    // Jobs that finished within the last second are left for the next tick, so tick until all are counted.
    await waitFor(
      async () => {
        const tick = await monitor.tick();
        expect(tick.failures.map(({ task, error }) => `${task}: ${String(error)}`)).toEqual([]);
        expect(tick.leader).toBe(true);
        const totals = await Promise.all(prefixes.map((prefix) => queueTotals(prefix)));
        return totals.every((totals, index) => totals.completed === PLAN[index]?.completed && totals.failed === PLAN[index]?.failed);
      },
      30_000,
      'the sampled counts of every queue',
    );
    for (const [index, prefix] of prefixes.entries()) expect(await queueTotals(prefix)).toEqual(PLAN[index]);
    // More ticks count nothing twice.
    await monitor.tick();
    expect(await seriesTotals(onCluster('/api/metrics?range=3600'))).toEqual({ completed: 12, failed: 3 });
    // The default connection (the single Redis) has none of it.
    expect(await seriesTotals('/api/metrics?range=3600')).toEqual({ completed: 0, failed: 0 });
  });

  it("keeps each queue's metrics keys in one slot of their own, and the all-queues series in another", async () => {
    const redis = await getRedis('cluster');
    const slotsOf = async (pattern: string) => {
      const slots = new Set<number>();
      for (const node of dataNodes(redis)) {
        const [, keys] = await node.scan('0', 'MATCH', pattern, 'COUNT', 10_000);
        for (const key of keys) slots.add(Number(await node.cluster('KEYSLOT', key)));
      }
      return [...slots];
    };
    const perQueue = await Promise.all(prefixes.map((prefix) => slotsOf(`{${escapeGlob(hashedPart(totalsKey(namespace, prefix, 'emails')))}}:*`)));
    for (const [index, slots] of perQueue.entries()) expect(slots, `slots of the metrics keys of ${prefixes[index]}`).toHaveLength(1);
    const all = await slotsOf(`{${escapeGlob(namespace)}:metrics}:*`);
    expect(all).toHaveLength(1);
    // Four tags, four slots: the store spreads over the masters with the queues, rather than filling one.
    expect(new Set([...perQueue.flat(), ...all]).size).toBe(prefixes.length + 1);
  });

  it('answers per job name, the headline numbers and the Prometheus exposition on the cluster connection', async () => {
    const [first = '', second = ''] = prefixes;
    const names = await callRoute(jobNamesRoute.GET, onCluster(`/api/metrics/job-names?queue=emails&prefix=${encodeURIComponent(second)}&range=3600`), {});
    expect(names.status).toBe(200);
    expect((names.body.jobNames as JobNameMetrics[]).map((row) => `${row.name} ${row.completed} ${row.failed}`).sort()).toEqual(['receipt 0 2', 'welcome 4 0']);

    const summary = await callRoute(summaryRoute.GET, onCluster('/api/metrics/summary'), {});
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ jobsPastHour: 15, failedPastHour: 3 } satisfies Partial<MetricsSummary>);
    expect((summary.body as unknown as MetricsSummary).queues.map((queue) => queue.prefix).sort()).toEqual([...prefixes].sort());

    const response = await prometheusRoute.GET(new Request('http://localhost/metrics?connection=cluster'));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain(`lookout_jobs_completed_total{prefix="${first}",queue="emails"} 3`);
    expect(text).toContain(`lookout_jobs_failed_total{prefix="${second}",queue="emails"} 2`);
    expect(text).toContain(`lookout_job_runtime_seconds_count{prefix="${first}",queue="emails"} 4`);
  });

  it('lets one monitor lead on the cluster while another stands by, and hands over on stop', async () => {
    const redis = await getRedis('cluster');
    const [leader] = monitors;
    const other = clusterMonitor(redis);
    expect((await other.tick()).leader).toBe(false);
    expect(await redis.get(monitorLeaderKey(namespace))).not.toBeNull();
    await leader?.stop();
    expect((await other.tick()).leader).toBe(true);
  });

  it("writes the worker runtime's recorder in one MULTI per queue's hash tag, plus one for all queues", async () => {
    const redis = await getRedis('cluster');
    const [first = '', second = ''] = prefixes;
    // The queues must exist in BullMQ for the per-queue endpoints; a delayed job makes it so without running anything.
    for (const prefix of [first, second]) {
      const queue = new Queue('recorded', { connection: app, prefix });
      closers.push(() => queue.close());
      await queue.add('placeholder', {}, { delay: 3_600_000 });
    }
    const recorder = new MetricsRecorder({ redis, namespace, flushIntervalMs: 60_000 });
    const multi = vi.spyOn(redis, 'multi');
    const finishedAt = Date.now() - 5_000;
    for (let i = 0; i < 5; i++) recorder.record(finishedEvent({ prefix: first, queue: 'recorded', jobName: 'a' }, { finishedAt, waitMs: 20, runtimeMs: 30 }));
    for (let i = 0; i < 2; i++) recorder.record(finishedEvent({ prefix: second, queue: 'recorded', jobName: 'b' }, { finishedAt, waitMs: 20, runtimeMs: 30 }, { status: 'failed' }));
    await recorder.close();
    expect(multi).toHaveBeenCalledTimes(3);
    multi.mockRestore();
    expect(recorder.dropped).toBe(0);
    expect(await queueTotals(first, 'recorded')).toEqual({ completed: 5, failed: 0 });
    expect(await queueTotals(second, 'recorded')).toEqual({ completed: 0, failed: 2 });
    expect(await seriesTotals(onCluster('/api/metrics?range=3600'))).toEqual({ completed: 17, failed: 5 });
  });
});

describe('worker heartbeats on a Redis Cluster', () => {
  it('lists runtime workers from their heartbeats and plain BullMQ workers of every master, and forgets a stopped one', async () => {
    const redis = await getRedis('cluster');
    const loops = prefixes.map(
      (prefix, index) =>
        new HeartbeatLoop(redis, 60_000, {
          heartbeat: (now) => ({
            id: `${base}-w${index}`,
            host: 'test-host',
            pid: 1000 + index,
            prefix,
            queues: ['emails'],
            concurrency: 4,
            active: 0,
            processed: index,
            failed: 0,
            startedAt: now - 1000,
            lastHeartbeatAt: now,
            version: 'test',
            state: 'running',
            heartbeatIntervalMs: 60_000,
            supervisor: null,
          }),
          onReply: () => undefined,
        }),
    );
    for (const loop of loops) await loop.start();
    const read = async () => {
      const { status, body } = await callRoute(workersRoute.GET, onCluster('/api/workers'), {});
      expect(status, JSON.stringify(body)).toBe(200);
      return (body as unknown as WorkersOverview).workers;
    };
    const ofRuntime = (workers: WorkerView[]) => workers.filter((worker) => worker.source === 'lookout').map((worker) => `${worker.id} ${worker.prefix} ${worker.status}`);
    expect(ofRuntime(await read()).sort()).toEqual(prefixes.map((prefix, index) => `${base}-w${index} ${prefix} running`).sort());

    // Each master's queue shows its BullMQ worker as many times as the queue overview counts it.
    const summaries = await readAllQueueSummaries(redis, prefixes);
    const plain = (await read()).filter((worker) => worker.source === 'bullmq');
    for (const prefix of prefixes) {
      const counted = summaries.find((summary) => summary.prefix === prefix && summary.name === 'emails')?.workers;
      expect(counted, prefix).toBeGreaterThan(0);
      expect(plain.filter((worker) => worker.prefix === prefix && worker.queues[0] === 'emails')).toHaveLength(counted ?? -1);
    }
    expect(new Set(plain.map((worker) => worker.id)).size).toBe(plain.length);

    await loops[0]?.stop();
    expect(ofRuntime(await read())).toHaveLength(2);
    for (const loop of loops.slice(1)) await loop.stop();
    expect(ofRuntime(await read())).toEqual([]);
  });
});

describe('`lookout work` on a Redis Cluster', () => {
  it('runs jobs from REDIS_CLUSTER_NODES, beats its heartbeat there, records its metrics and obeys queue:restart', async () => {
    const prefix = prefixes[1] ?? '';
    const queue = new Queue('signups', { connection: app, prefix });
    closers.push(() => queue.close());
    const { child, output } = lookoutProcess(['work', `--jobs=${RUNTIME_JOBS}`, `--prefix=${prefix}`, '--queue=signups', '--concurrency=2'], { REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.nodes, LOOKOUT_HEARTBEAT_INTERVAL_MS: '500' });
    const runtimeWorkers = async () => {
      const { body } = await callRoute(workersRoute.GET, onCluster('/api/workers'), {});
      return (body as unknown as WorkersOverview).workers.filter((worker) => worker.source === 'lookout' && worker.pid === child.pid);
    };
    await waitFor(async () => (await runtimeWorkers()).length === 1, 30_000, 'the heartbeat of `lookout work`').catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });
    expect((await runtimeWorkers())[0]).toMatchObject({ prefix, queues: ['signups'], concurrency: 2, status: 'running' });

    await queue.addBulk([
      ...Array.from({ length: 6 }, (_, n) => ({ name: 'signup', data: { n } })),
      ...Array.from({ length: 2 }, (_, n) => ({ name: 'signup', data: { n, fail: true } })),
    ]);
    // Its recorder flushes within a second of the jobs finishing.
    await waitFor(
      async () => {
        const totals = await queueTotals(prefix, 'signups');
        return totals.completed === 6 && totals.failed === 2;
      },
      30_000,
      'the runtime’s metrics of signups',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });
    expect(await queueTotals(prefix, 'signups')).toEqual({ completed: 6, failed: 2 });
    await waitFor(async () => (await runtimeWorkers())[0]?.processed === 8, 10_000, 'the heartbeat to count the jobs');
    expect((await runtimeWorkers())[0]).toMatchObject({ processed: 8, failed: 2 });

    // `lookout queue:restart` reaches it through the cluster: it exits after its current job, on its next heartbeat.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const { child: restart } = lookoutProcess(['queue:restart', `--prefix=${prefix}`], { REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.nodes });
    expect(await new Promise((resolve) => restart.once('exit', resolve))).toBe(0);
    expect(await exited, output()).toBe(0);
    // A clean exit removes its heartbeat.
    expect(await runtimeWorkers()).toEqual([]);
  }, 120_000);

  it('supervises `lookout work` processes from REDIS_CLUSTER_NODES and shows the supervisor with its worker', async () => {
    const prefix = prefixes[2] ?? '';
    const supervisorName = `${base}-sup`;
    const dir = mkdtempSync(join(tmpdir(), 'lookout-cluster-supervise-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'lookout.config.json');
    writeFileSync(file, JSON.stringify({ jobs: RUNTIME_JOBS, prefix, supervisors: [{ name: supervisorName, queues: ['signups'], processes: { min: 1, max: 1 }, concurrency: 1 }] }));
    const { child, output } = lookoutProcess(['supervise', file], { REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.nodes, LOOKOUT_HEARTBEAT_INTERVAL_MS: '500' });
    const overview = async () => (await callRoute(workersRoute.GET, onCluster('/api/workers'), {})).body as unknown as WorkersOverview;
    const supervised = async () => {
      const { workers, supervisors } = await overview();
      const supervisor = supervisors.find((entry) => entry.name === supervisorName);
      const worker = workers.find((entry) => entry.supervisor === supervisorName && entry.status === 'running');
      return supervisor && worker ? { supervisor, worker } : null;
    };
    const found = await waitFor(supervised, 60_000, 'the supervisor and its worker on the cluster').catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });
    expect(found.supervisor).toMatchObject({ prefix, queues: ['signups'], status: 'running' });
    expect(found.worker).toMatchObject({ prefix, queues: ['signups'] });

    const queue = new Queue('signups', { connection: app, prefix });
    closers.push(() => queue.close());
    await queue.addBulk(Array.from({ length: 3 }, (_, n) => ({ name: 'signup', data: { n } })));
    await waitFor(async () => (await queueTotals(prefix, 'signups')).completed === 3, 30_000, 'the supervised worker’s metrics').catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });

    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code, output()).toBe(0);
  }, 120_000);

  it('refuses queues that do not share a hash tag, since one worker waits for all of them in one command', async () => {
    await expect(startWorker({ connection: { clusterNodes: cluster.nodes }, prefix: base, queues: ['a', 'b'], jobs: [] })).rejects.toThrow(/hash tag/);
    await expect(startWorker({ connection: { clusterNodes: cluster.nodes }, prefix: base, queues: ['{a}', '{b}'], jobs: [] })).rejects.toThrow(/share a hash tag/);
  });
});

describe('`lookout monitor` with two connections', () => {
  it('samples every connection, each under its own leader lock in that connection', async () => {
    const processNamespace = `${namespace}-proc`;
    // A job finished on the single Redis too.
    const queue = new Queue('single-jobs', { connection: connectionOptions(), prefix: singlePrefix });
    const worker = new Worker('single-jobs', async () => 'done', { connection: connectionOptions(), prefix: singlePrefix });
    closers.push(() => worker.close(), () => queue.close());
    await queue.add('ping', {});
    await waitFor(async () => (await queue.getJobCounts('completed')).completed === 1, 20_000, 'the single-Redis job to complete');

    const { child, output } = lookoutProcess(['monitor'], { LOOKOUT_NAMESPACE: processNamespace, LOOKOUT_MONITOR_INTERVAL_MS: '500', REDIS_URL: '', REDIS_CLUSTER_NODES: '', LOOKOUT_ALERT_WEBHOOKS: '' });

    // The API reads the process's namespace from here on.
    process.env.LOOKOUT_NAMESPACE = processNamespace;
    await waitFor(
      async () => {
        const [onSingle, ...onMasters] = await Promise.all([seriesTotals(`/api/metrics?queue=single-jobs&range=3600`), ...prefixes.map((prefix) => queueTotals(prefix))]);
        return onSingle.completed === 1 && onMasters.every((totals, index) => totals.completed === PLAN[index]?.completed && totals.failed === PLAN[index]?.failed);
      },
      60_000,
      `the monitor process to sample both connections; its output:\n${output()}`,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });
    expect(output()).toContain('monitor (connection single): leading');
    expect(output()).toContain('monitor (connection cluster): leading');
    const leaderKey = monitorLeaderKey(processNamespace);
    expect(leaderKey).toBe(lookoutKey(processNamespace, 'monitor', 'leader'));
    expect(await single.get(leaderKey)).not.toBeNull();
    expect(await (await getRedis('cluster')).get(leaderKey)).not.toBeNull();
    process.env.LOOKOUT_NAMESPACE = namespace;
  }, 120_000);
});
