import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { findFreePort, startRedisServer } from '../lib/redis';
import { ensureBuilt } from './support/build';
import type { BenchRow } from './types';

const ROOT = resolve(import.meta.dirname, '..');
const QUEUES = 50;
const WINDOW_MS = 30_000;
const POLL_MS = 3000;

/** Resident memory of a process and its descendants (`next start` may fork), from /proc. */
function treeRssMb(pid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process exited meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree.reduce((sum, member) => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, 'utf8'));
      return sum + Number(match?.[1] ?? 0) / 1024;
    } catch {
      return sum;
    }
  }, 0);
}

async function commandsProcessed(redis: Redis): Promise<number> {
  return Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1] ?? 0);
}

/** Redis commands per second while `during` runs for WINDOW_MS (the two INFO calls of the measurement included). */
async function commandRate(redis: Redis, during: (stop: AbortSignal) => Promise<void>): Promise<number> {
  const stop = new AbortController();
  const before = await commandsProcessed(redis);
  const running = during(stop.signal);
  await new Promise((resolvePromise) => setTimeout(resolvePromise, WINDOW_MS));
  stop.abort();
  await running;
  return (await commandsProcessed(redis)) - before;
}

function lookout(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'bin', 'lookout.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
}

function nextStart(port: number, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  child.kill('SIGTERM');
  await exited;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolvePromise) => {
    const timer = setTimeout(resolvePromise, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolvePromise();
    });
  });

/**
 * What each Lookout process costs, on one Redis with 50 queues: resident memory, and Redis commands per second
 * for the web server with one open overview tab, for the alert monitor (LOOKOUT_MONITOR_INTERVAL_MS = 5 s), and for
 * an idle plain BullMQ worker as the floor of a worker process.
 */
export default async function processCost(): Promise<BenchRow[]> {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-cost-'));
  const server = await startRedisServer({ dir });
  const redis = new Redis(server.url);
  const env = { REDIS_URL: server.url, LOOKOUT_PREFIXES: 'bull', LOOKOUT_AUTH: 'none', LOOKOUT_NAMESPACE: 'lookout', LOOKOUT_CONNECTIONS: '', REDIS_CLUSTER_NODES: '' };
  const children: ChildProcess[] = [];
  const rows: BenchRow[] = [];
  try {
    for (let n = 0; n < QUEUES; n++) {
      const queue = new Queue(`queue-${n}`, { connection: { url: server.url } });
      await queue.addBulk(Array.from({ length: 10 }, (_, i) => ({ name: 'job', data: { i } })));
      await queue.close();
    }

    const port = await findFreePort();
    const web = nextStart(port, env);
    children.push(web);
    const base = `http://127.0.0.1:${port}`;
    for (let attempt = 0; attempt < 300; attempt++) {
      if (await fetch(`${base}/api/health`).then(() => true, () => false)) break;
      await sleep(100);
    }
    const idleWebMb = treeRssMb(web.pid ?? 0);
    // What one open overview tab requests every 3 s.
    const tab = async (stop: AbortSignal) => {
      while (!stop.aborted) {
        await Promise.all(['/api/queues', '/api/health', '/api/connections'].map((path) => fetch(`${base}${path}`).then((r) => r.arrayBuffer())));
        await sleep(POLL_MS, stop);
      }
    };
    const webCommands = await commandRate(redis, tab);
    rows.push(
      { suite: 'process cost', metric: 'web (next start): RSS after start', value: idleWebMb, unit: 'MB' },
      { suite: 'process cost', metric: 'web: RSS after 30 s with one overview tab', value: treeRssMb(web.pid ?? 0), unit: 'MB', note: `${QUEUES} queues` },
      { suite: 'process cost', metric: 'web: Redis commands per open overview tab', value: webCommands / (WINDOW_MS / 1000), unit: 'cmd/s', note: `polls every ${POLL_MS / 1000} s` },
    );
    await stopChild(web);

    const monitor = lookout(['alerts:run'], { ...env, LOOKOUT_MONITOR_INTERVAL_MS: '5000' });
    children.push(monitor);
    await sleep(5000);
    const monitorCommands = await commandRate(redis, async () => undefined);
    rows.push(
      { suite: 'process cost', metric: 'monitor (alerts:run): RSS', value: treeRssMb(monitor.pid ?? 0), unit: 'MB' },
      { suite: 'process cost', metric: 'monitor: Redis commands', value: monitorCommands / (WINDOW_MS / 1000), unit: 'cmd/s', note: `interval 5 s, ${QUEUES} queues, leader` },
    );
    const standby = lookout(['alerts:run'], { ...env, LOOKOUT_MONITOR_INTERVAL_MS: '5000' });
    children.push(standby);
    await sleep(5000);
    const bothCommands = await commandRate(redis, async () => undefined);
    rows.push({ suite: 'process cost', metric: 'monitor: a second (standby) replica adds', value: (bothCommands - monitorCommands) / (WINDOW_MS / 1000), unit: 'cmd/s' });
    await Promise.all([stopChild(monitor), stopChild(standby)]);

    // A plain BullMQ worker process, idle: the floor of what a worker costs (the worker runtime adds its heartbeats).
    const worker = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { Worker } from 'bullmq'; new Worker('idle', async () => undefined, { connection: { url: '${server.url}', maxRetriesPerRequest: null }, concurrency: 10 });`],
      { cwd: ROOT, stdio: 'ignore' },
    );
    children.push(worker);
    await sleep(3000);
    const workerCommands = await commandRate(redis, async () => undefined);
    rows.push(
      { suite: 'process cost', metric: 'idle plain BullMQ worker process: RSS', value: treeRssMb(worker.pid ?? 0), unit: 'MB', note: 'concurrency 10, no jobs' },
      { suite: 'process cost', metric: 'idle plain BullMQ worker process: Redis commands', value: workerCommands / (WINDOW_MS / 1000), unit: 'cmd/s' },
    );
    await stopChild(worker);
  } finally {
    for (const child of children) await stopChild(child);
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const row of rows) console.log(`  ${row.metric}: ${row.value.toFixed(1)} ${row.unit}`);
  return rows;
}
