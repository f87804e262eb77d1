import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { batchKeysPattern } from '@/lib/batches';
import type { JobFinishedEvent, JobMetricsSink } from '@/lib/metrics';
import { runtimeKeysPatterns } from '@/lib/workers';
import { closeDispatcher, configureDispatcher, startWorker, type WorkerRuntime, type WorkerRuntimeOptions } from '@/workers';
import { deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Deletes the BullMQ keys and Lookout's runtime keys of a test prefix. */
export async function deleteTestKeys(redis: Redis, prefix: string): Promise<void> {
  await deletePrefix(redis, prefix);
  for (const pattern of [...runtimeKeysPatterns(prefix), batchKeysPattern(prefix)]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  }
}

/** A metrics sink that keeps what it is given, to check what the runtime reports. */
export class RecordingSink implements JobMetricsSink {
  readonly events: JobFinishedEvent[] = [];
  closed = false;
  record(event: JobFinishedEvent): void {
    this.events.push(event);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Starts in-process workers on the test Redis and stops them all at the end of the file. */
export class Workers {
  private readonly started: WorkerRuntime[] = [];

  constructor(private readonly prefix: string) {}

  async start(options: Omit<WorkerRuntimeOptions, 'connection' | 'prefix'>): Promise<WorkerRuntime> {
    const runtime = await startWorker({ connection: testRedisUrl(), prefix: this.prefix, heartbeatIntervalMs: 1000, sleep: 1, ...options });
    this.started.push(runtime);
    return runtime;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.map((runtime) => runtime.stop(0)));
  }
}

export interface ChildWorker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `lookout work …` as a real child process on the test Redis, loading test/workers/fixtures/jobs.ts. */
export function spawnLookout(args: string[], env: Record<string, string> = {}): ChildWorker {
  const child = spawn(process.execPath, [resolve(ROOT, 'bin', 'lookout.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: testRedisUrl(), LOOKOUT_HEARTBEAT_INTERVAL_MS: '500', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, output: () => output, exited };
}

export const FIXTURE_JOBS = 'test/workers/fixtures/jobs.ts';

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * What every runtime test file sets up: its own prefix, a Redis client, the workers it starts, and dispatch()
 * pointed at the test Redis. After the file, workers stop and every key of the prefix is deleted.
 */
export function runtimeTestbed(label: string) {
  const prefix = uniquePrefix(label);
  const redis = testRedis();
  const workers = new Workers(prefix);
  beforeAll(() => {
    configureDispatcher({ connection: testRedisUrl(), prefix });
  });
  afterAll(async () => {
    await workers.stopAll();
    await closeDispatcher();
    await deleteTestKeys(redis, prefix);
    redis.disconnect();
  });
  return { prefix, redis, workers };
}
