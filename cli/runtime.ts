import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { readAuthSettings, startupProblem } from '../lib/auth';
import { hasConfiguredRedis, readConfig, settingsFromConfigFile } from '../lib/config';
import { RedisNotInstalledError, startEmbeddedRedis, EMBEDDED_REDIS_DIR } from '../lib/redis';
import { findConfigFile, loadConfigFile } from '../workers';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NEXT_BIN = join(PROJECT_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
let shuttingDown = false;

/** Registers work to undo on SIGINT/SIGTERM (children, embedded Redis), run in reverse order. */
export function onShutdown(cleanup: Cleanup): void {
  cleanups.push(cleanup);
}

export async function shutdown(code = 0): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('[lookout] error during shutdown:', error);
      }
    }
  }
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

/**
 * Applies the settings of lookout.config.(json|ts) in the working directory (REDIS_URL, LOOKOUT_ALERT_RULES, …) to this
 * process's environment, so every command and every process it starts (web server, workers) sees them; variables set
 * in the environment win.
 */
export async function applyConfigFileSettings(): Promise<void> {
  const path = findConfigFile();
  if (path) Object.assign(process.env, settingsFromConfigFile(await loadConfigFile(path)));
}

/**
 * Starts the embedded redis-server unless the configuration names a Redis (REDIS_URL, REDIS_CLUSTER_NODES or
 * LOOKOUT_CONNECTIONS).
 */
export async function ensureRedis(): Promise<void> {
  if (!hasConfiguredRedis()) await ensureRedisUrl();
}

/** REDIS_URL, or the embedded redis-server under .lookout/redis (started now, stopped on shutdown). */
export async function ensureRedisUrl(): Promise<string> {
  const config = readConfig();
  if (config.REDIS_URL) return config.REDIS_URL;
  try {
    const server = await startEmbeddedRedis(join(PROJECT_ROOT, EMBEDDED_REDIS_DIR));
    onShutdown(() => server.stop());
    console.log(`[lookout] no REDIS_URL set: started redis-server on ${server.url} (data in ${EMBEDDED_REDIS_DIR}/)`);
    process.env.REDIS_URL = server.url;
    return server.url;
  } catch (error) {
    if (error instanceof RedisNotInstalledError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

function runNext(args: string[], env: Record<string, string | undefined>, stdio: 'inherit' | 'pipe' = 'inherit'): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], { cwd: PROJECT_ROOT, env: env as NodeJS.ProcessEnv, stdio });
}

/** Builds the dashboard once; later runs reuse .next (run `npm run build` after changing the code). */
export async function ensureBuild(): Promise<void> {
  if (existsSync(join(PROJECT_ROOT, '.next', 'BUILD_ID'))) return;
  console.log('[lookout] building the dashboard (first run only, about a minute)…');
  const child = runNext(['build'], { ...process.env, NEXT_TELEMETRY_DISABLED: '1' });
  const code = await new Promise<number | null>((resolvePromise) => child.once('exit', resolvePromise));
  if (code !== 0) {
    console.error('[lookout] `next build` failed; see the output above.');
    await shutdown(1);
  }
}

/** Starts the Next.js production server on the configured Redis (see ensureRedis) and resolves once it listens. */
export async function startWebServer(extraEnv: Record<string, string> = {}): Promise<string> {
  const config = readConfig();
  const env: Record<string, string | undefined> = { ...process.env, ...extraEnv, HOSTNAME: config.HOSTNAME, NEXT_TELEMETRY_DISABLED: '1' };
  const problem = startupProblem(readAuthSettings(env), config.HOSTNAME);
  if (problem) {
    console.error(`[lookout] refusing to start the dashboard: ${problem}`);
    return shutdown(1);
  }
  // Self-hosted: let next-auth build its URLs from the Host header unless NEXTAUTH_URL pins them.
  if (!env.NEXTAUTH_URL) env.AUTH_TRUST_HOST = '1';
  await ensureBuild();
  const child = runNext(['start', '--port', String(config.PORT), '--hostname', config.HOSTNAME], env);
  onShutdown(
    () =>
      new Promise<void>((resolvePromise) => {
        if (child.exitCode !== null) return resolvePromise();
        child.once('exit', () => resolvePromise());
        child.kill('SIGTERM');
      }),
  );
  child.once('exit', (code) => {
    if (!shuttingDown) {
      console.error(`[lookout] the web server exited with code ${code}`);
      void shutdown(code ?? 1);
    }
  });
  const url = `http://${config.HOSTNAME === '0.0.0.0' ? '127.0.0.1' : config.HOSTNAME}:${config.PORT}`;
  await waitForHealth(url);
  return url;
}

async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200 || response.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
  }
  throw new Error(`the web server did not answer on ${url} within ${timeoutMs / 1000} s`);
}
