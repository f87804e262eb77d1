import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { monitorLeaderKey } from '../../lib/monitor';
import { BULL_SUFFIX, findFreePort, queueKey, startRedisServer, type RedisServerHandle } from '../../lib/redis';
import { readWorkerHeartbeats } from '../../lib/workers';
import { CHAOS_QUEUE, chaosExecutionsKey, chaosStartsKey } from './chaos-jobs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const LOOKOUT_BIN = join(ROOT, 'bin', 'lookout.mjs');
const NEXT_BIN = join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const JOBS_MODULE = 'bench/support/chaos-jobs.ts';
const PREFIX = 'bull';
const NAMESPACE = 'lookout';

export interface ChaosOptions {
  jobs: number;
  workers: number;
  /** Slots per worker process. */
  concurrency: number;
  /** Jobs are dispatched evenly over this long, so the kills land while they run. */
  produceMs: number;
  /** A random worker is SIGKILLed (and restarted) every killEveryMs, `kills` times. */
  killEveryMs: number;
  kills: number;
  /** When Redis is stopped (gracefully, so the AOF is fsynced) and how long it stays down before it restarts. */
  redisRestartAtMs: number;
  redisDownMs: number;
  /** Each job sleeps a random time in this range (ms) before it records its execution. */
  jobMs: readonly [number, number];
  /** The dashboard (`next start`, needs a build) and a monitor, polled every second. */
  web: boolean;
  /** Longest wait for the last jobs after the chaos (stalled jobs come back after their lock expires). */
  drainTimeoutMs: number;
  log?: (line: string) => void;
}

export interface PollSample {
  at: number;
  path: string;
  /** HTTP status, or 0 when the request failed (refused, timed out). */
  status: number;
}

export interface ChaosResult {
  jobs: number;
  completedOnce: number;
  /** Completed, but the handler ran to its end more than once (a kill or the restart hit between the two). */
  duplicates: number;
  /** Executions beyond the first, summed over the duplicates. */
  extraExecutions: number;
  /** Jobs whose handler started more than once: interrupted (killed, or cut off by the restart) and run again. */
  interrupted: number;
  /** Not in the completed state at the end: failed, still waiting/active, or gone. */
  lost: number;
  lostIds: string[];
  /** Failed jobs' reasons (they count as lost), e.g. BullMQ's "job stalled more than allowable limit". */
  failedReasons: Record<string, number>;
  /** In the completed state although the handler never recorded a run: should never happen. */
  completedWithoutExecution: number;
  kills: number;
  killsMidJob: number;
  redisDownMs: number;
  durationMs: number;
  chaosMs: number;
  drainMs: number;
  web: null | {
    polls: number;
    failed: number;
    failedDuringRestart: number;
    failedOutsideRestart: number;
    statuses: Record<string, number>;
    /** From Redis answering again to the first 200 of each path; null if it never answered 200 again. */
    healthBackAfterMs: number | null;
    queuesBackAfterMs: number | null;
    monitorAlive: boolean;
    /** The monitor's leader lock (5 s TTL) was still held at the end: it kept ticking after the restart. */
    monitorLeading: boolean;
  };
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The chaos loop must not wait on a Redis that is down: a read that takes longer gives the fallback. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([promise.catch(() => fallback), sleep(ms).then(() => fallback)]);
}

interface Child {
  process: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

function spawnChild(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return { process: child, exited, output: () => output };
}

async function stopChild(child: Child, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
  await child.exited;
  clearTimeout(timer);
}

export function webBuildExists(): boolean {
  return existsSync(join(ROOT, '.next', 'BUILD_ID'));
}

/**
 * The chaos run: `jobs` jobs dispatched over `produceMs` to `workers` real `lookout work` processes, one of them
 * SIGKILLed and restarted every `killEveryMs`, and Redis (AOF, appendfsync everysec) stopped and restarted once
 * on the same port meanwhile. Every job records its executions, so the end can tell exactly-once, duplicates and
 * lost jobs apart. With `web`, a dashboard and a monitor run throughout and are polled every second.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'lookout-chaos-'));
  // persist: the AOF with appendfsync everysec, what `lookout start`'s embedded Redis runs.
  let server: RedisServerHandle = await startRedisServer({ dir, persist: true });
  const redisUrl = server.url;
  const env = {
    REDIS_URL: redisUrl,
    LOOKOUT_PREFIXES: PREFIX,
    LOOKOUT_KEY_PREFIX: NAMESPACE,
    LOOKOUT_AUTH: 'none',
    LOOKOUT_CONNECTIONS: '',
    REDIS_CLUSTER_NODES: '',
    LOOKOUT_HEARTBEAT_INTERVAL_MS: '1000',
    LOOKOUT_MONITOR_INTERVAL_MS: '1000',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const queue = new Queue(CHAOS_QUEUE, { connection: { url: redisUrl }, prefix: PREFIX });
  queue.on('error', () => undefined);
  const slots: Child[] = [];
  const others: Child[] = [];
  const samples: PollSample[] = [];
  let polling = true;
  /** Set when the run ends early (an error): the producer stops retrying. */
  let ended = false;
  let poller: Promise<void> = Promise.resolve();
  let web: Child | null = null;
  let monitor: Child | null = null;
  let redisStoppedAt = 0;
  let redisBackAt = 0;
  const started = Date.now();

  /** Pids of running worker processes with a heartbeat, and how many jobs each had running at its last beat. */
  const liveWorkerPids = async () => {
    const beats = await within(readWorkerHeartbeats(redis, [PREFIX]), 500, []);
    const running = new Set(slots.map((child) => child.process.pid));
    return new Map(beats.filter((beat) => running.has(beat.pid)).map((beat) => [beat.pid, beat.active]));
  };

  const startWorker = () =>
    spawnChild(
      [
        LOOKOUT_BIN,
        'work',
        `--jobs=${JOBS_MODULE}`,
        `--queue=${CHAOS_QUEUE}`,
        `--prefix=${PREFIX}`,
        `--concurrency=${options.concurrency}`,
        // A killed worker's jobs come back once their 5 s lock expires, found by a stall check every 2 s.
        '--lock-duration=5000',
        '--stalled-interval=2000',
      ],
      env,
    );

  try {
    if (options.web) {
      const port = await findFreePort();
      web = spawnChild([NEXT_BIN, 'start', '--port', String(port), '--hostname', '127.0.0.1'], { ...env, HOSTNAME: '127.0.0.1' });
      monitor = spawnChild([LOOKOUT_BIN, 'monitor'], env);
      others.push(web, monitor);
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 60_000;
      while (!(await fetch(`${base}/api/health`).then((r) => r.ok, () => false))) {
        if (Date.now() > deadline) throw new Error(`the dashboard did not start:\n${web.output()}`);
        await sleep(200);
      }
      poller = (async () => {
        while (polling) {
          const tick = Date.now();
          await Promise.all(
            ['/api/queues', '/api/health'].map(async (path) => {
              const at = Date.now();
              const status = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5000) }).then(
                async (response) => {
                  await response.arrayBuffer();
                  return response.status;
                },
                () => 0,
              );
              samples.push({ at, path, status });
            }),
          );
          await sleep(Math.max(0, 1000 - (Date.now() - tick)));
        }
      })();
    }

    for (let slot = 0; slot < options.workers; slot++) slots.push(startWorker());
    // Wait for every worker's first heartbeat so the kills hit running workers from the start.
    const heartbeatsDeadline = Date.now() + 60_000;
    while ((await liveWorkerPids()).size < options.workers) {
      if (Date.now() > heartbeatsDeadline) throw new Error(`the workers did not start:\n${slots.map((child) => child.output()).join('\n')}`);
      await sleep(200);
    }

    const chaosStarted = Date.now();
    let killsMidJob = 0;
    let kills = 0;

    const produce = (async () => {
      const ticks = Math.max(1, Math.round(options.produceMs / 100));
      let next = 0;
      for (let tick = 1; tick <= ticks; tick++) {
        const until = Math.round((options.jobs * tick) / ticks);
        const batch = Array.from({ length: until - next }, (_, i) => ({
          name: 'chaos',
          data: { ms: options.jobMs[0] + Math.floor(Math.random() * (options.jobMs[1] - options.jobMs[0] + 1)) },
          // Fixed ids: a batch retried after a Redis error is not added twice.
          opts: { jobId: `c-${next + i}` },
        }));
        while (!ended) {
          try {
            if (batch.length) await queue.addBulk(batch);
            break;
          } catch {
            await sleep(200);
          }
        }
        next = until;
        await sleep(Math.max(0, chaosStarted + (options.produceMs * tick) / ticks - Date.now()));
      }
    })();

    const chaos = (async () => {
      for (let kill = 0; kill < options.kills; kill++) {
        await sleep(Math.max(0, chaosStarted + options.killEveryMs * (kill + 1) - Date.now()));
        const slot = Math.floor(Math.random() * slots.length);
        const victim = slots[slot];
        if (!victim) continue;
        if (((await liveWorkerPids()).get(victim.process.pid ?? -1) ?? 0) > 0) killsMidJob++;
        victim.process.kill('SIGKILL');
        await victim.exited;
        kills++;
        slots[slot] = startWorker();
      }
    })();

    const restart = (async () => {
      await sleep(Math.max(0, chaosStarted + options.redisRestartAtMs - Date.now()));
      redisStoppedAt = Date.now();
      await server.stop();
      await sleep(options.redisDownMs);
      server = await startRedisServer({ dir, persist: true, port: server.port });
      redisBackAt = Date.now();
      log(`  Redis down for ${redisBackAt - redisStoppedAt} ms, back on the same port`);
    })();

    await Promise.all([produce, chaos, restart]);
    const chaosMs = Date.now() - chaosStarted;
    log(`  ${kills} workers SIGKILLed and restarted, ${options.jobs} jobs dispatched in ${(chaosMs / 1000).toFixed(1)} s`);

    const drainStarted = Date.now();
    const completedKey = queueKey(PREFIX, CHAOS_QUEUE, BULL_SUFFIX.completed);
    while (Date.now() - drainStarted < options.drainTimeoutMs) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
      if ((counts.completed ?? 0) + (counts.failed ?? 0) >= options.jobs && (counts.active ?? 0) === 0) break;
      await sleep(250);
    }
    const drainMs = Date.now() - drainStarted;

    // Let the poller see the settled state for a moment, then judge the web and the monitor.
    await sleep(options.web ? 2000 : 0);
    polling = false;
    await poller;

    const ids = Array.from({ length: options.jobs }, (_, i) => `c-${i}`);
    const executions = await redis.hgetall(chaosExecutionsKey(PREFIX));
    const starts = await redis.hgetall(chaosStartsKey(PREFIX));
    const interrupted = ids.filter((id) => Number(starts[id] ?? 0) > 1).length;
    const completed = new Set<string>();
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000);
      const scores = await redis.zmscore(completedKey, ...chunk);
      chunk.forEach((id, i) => {
        if (scores[i] !== null) completed.add(id);
      });
    }
    let completedOnce = 0;
    let duplicates = 0;
    let extraExecutions = 0;
    let completedWithoutExecution = 0;
    const lostIds: string[] = [];
    for (const id of ids) {
      const runs = Number(executions[id] ?? 0);
      if (!completed.has(id)) lostIds.push(id);
      else if (runs === 0) completedWithoutExecution++;
      else if (runs === 1) completedOnce++;
      else {
        duplicates++;
        extraExecutions += runs - 1;
      }
    }
    const failedReasons: Record<string, number> = {};
    for (const id of lostIds) {
      const reason = (await queue.getJob(id))?.failedReason ?? '(not failed)';
      failedReasons[reason] = (failedReasons[reason] ?? 0) + 1;
    }

    let webResult: ChaosResult['web'] = null;
    if (web && monitor) {
      const outageEnd = redisBackAt + 5000;
      const during = (sample: PollSample) => sample.at >= redisStoppedAt - 1500 && sample.at <= outageEnd;
      const failedSamples = samples.filter((sample) => sample.status !== 200);
      const statuses: Record<string, number> = {};
      for (const sample of samples) statuses[String(sample.status)] = (statuses[String(sample.status)] ?? 0) + 1;
      const backAfter = (path: string) => {
        const first = samples.find((sample) => sample.path === path && sample.at >= redisBackAt && sample.status === 200);
        return first ? first.at - redisBackAt : null;
      };
      webResult = {
        polls: samples.length,
        failed: failedSamples.length,
        failedDuringRestart: failedSamples.filter(during).length,
        failedOutsideRestart: failedSamples.filter((sample) => !during(sample)).length,
        statuses,
        healthBackAfterMs: backAfter('/api/health'),
        queuesBackAfterMs: backAfter('/api/queues'),
        monitorAlive: monitor.process.exitCode === null && monitor.process.signalCode === null,
        monitorLeading: (await redis.exists(monitorLeaderKey(NAMESPACE))) === 1,
      };
    }

    return {
      jobs: options.jobs,
      completedOnce,
      duplicates,
      extraExecutions,
      interrupted,
      lost: lostIds.length,
      lostIds: lostIds.slice(0, 20),
      failedReasons,
      completedWithoutExecution,
      kills,
      killsMidJob,
      redisDownMs: redisBackAt - redisStoppedAt,
      durationMs: Date.now() - started,
      chaosMs,
      drainMs,
      web: webResult,
    };
  } finally {
    ended = true;
    polling = false;
    await poller;
    await Promise.all([...slots, ...others].map((child) => stopChild(child)));
    await queue.close().catch(() => undefined);
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
