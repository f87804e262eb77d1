import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort, startRedisServer, type RedisServerHandle } from '../../lib/redis';
import { waitForServer } from './wait-for-server';

const ROOT = resolve(import.meta.dirname, '..', '..');
const NEXT_BIN = join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * A private Redis and a production Next.js server (`next start` on the build made before e2e runs),
 * both on free ports, so an e2e file can stop and restart Redis without touching anything else.
 */
export interface Stack {
  baseUrl: string;
  redisUrl: string;
  prefix: string;
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  stop(): Promise<void>;
}

/** `env` may depend on the private Redis's URL (e.g. LOOKOUT_CONNECTIONS naming it). */
export async function startStack(prefix = 'bull', env: Record<string, string> | ((redisUrl: string) => Record<string, string>) = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-e2e-'));
  let redis: RedisServerHandle = await startRedisServer({ dir, persist: true });
  const extraEnv = typeof env === 'function' ? env(redis.url) : env;
  const port = await findFreePort();
  const web: ChildProcess = spawn(process.execPath, [NEXT_BIN, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, LOOKOUT_AUTH: 'none', AUTH_TRUST_HOST: '1', ...extraEnv, REDIS_URL: redis.url, LOOKOUT_PREFIXES: prefix, NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${baseUrl}/api/health`, web, { name: 'next start', timeoutMs: 60_000 });
  } catch (error) {
    // The caller never gets a stack to stop: stop what was started here, or the Redis outlives the test run.
    web.kill('SIGTERM');
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    redisUrl: redis.url,
    prefix,
    stopRedis: () => redis.stop(),
    async startRedis() {
      redis = await startRedisServer({ dir, persist: true, port: redis.port });
    },
    async stop() {
      web.kill('SIGTERM');
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
