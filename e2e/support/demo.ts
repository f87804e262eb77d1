import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort, startRedisServer, type RedisServerHandle } from '../../lib/redis';
import { waitForServer } from './wait-for-server';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** `lookout demo` as a person runs it (`npm run demo`), on a private Redis and a free port. */
export interface DemoProcess {
  baseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Starts `node bin/lookout.mjs demo` (the build made before e2e runs is reused) and waits for its dashboard. */
export async function startDemo(env: Record<string, string> = {}): Promise<DemoProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-demo-e2e-'));
  const redis: RedisServerHandle = await startRedisServer({ dir });
  const port = await findFreePort();
  const demo = spawn(process.execPath, [join(ROOT, 'bin', 'lookout.mjs'), 'demo'], {
    cwd: ROOT,
    env: { ...process.env, ...env, REDIS_URL: redis.url, PORT: String(port), HOSTNAME: '127.0.0.1', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
    // Its own process group, so stop() can also reach the demo's children if the demo itself hangs.
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (demo.pid && demo.exitCode === null) {
      demo.kill('SIGTERM');
      if (!(await exited(demo, 20_000))) process.kill(-demo.pid, 'SIGKILL');
    }
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForServer(`${baseUrl}/api/health`, demo, { name: 'lookout demo', timeoutMs: 90_000, ok: (status) => status === 200 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, redisUrl: redis.url, stop };
}
