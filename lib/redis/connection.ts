import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { startRedisServer, type RedisServerHandle } from './embedded';

export const EMBEDDED_REDIS_DIR = join('.lookout', 'redis');

interface ConnectionState {
  embedded?: Promise<RedisServerHandle>;
  shared?: Promise<Redis>;
}

// Kept on globalThis so Next.js dev reloads and several route bundles share one client.
const state: ConnectionState = ((globalThis as { __lookoutRedis?: ConnectionState }).__lookoutRedis ??= {});

/** Starts (once per process) the embedded redis-server used when REDIS_URL is unset. */
export function startEmbeddedRedis(dir = EMBEDDED_REDIS_DIR): Promise<RedisServerHandle> {
  state.embedded ??= startRedisServer({ dir, persist: true });
  state.embedded.catch(() => {
    state.embedded = undefined;
  });
  return state.embedded;
}

/** REDIS_URL when configured, otherwise the URL of the embedded server (started on demand). */
export async function resolveRedisUrl(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.REDIS_URL) return env.REDIS_URL;
  return (await startEmbeddedRedis()).url;
}

/**
 * Options for request-serving clients: fail fast while Redis is away (so the API can answer 503
 * at once) and keep reconnecting in the background so the dashboard recovers by itself.
 */
export const FAIL_FAST_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
};

export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return logRedisErrors(new Redis(url, { ...FAIL_FAST_OPTIONS, ...options }));
}

/** Logs a client's errors: ioredis emits one per reconnect attempt, and one line every 10 s is enough. */
export function logRedisErrors(client: Redis): Redis {
  let lastLogged = 0;
  client.on('error', (error: Error) => {
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      console.error(`[lookout] redis: ${error.message}`);
    }
  });
  return client;
}

/** Resolves once the client is connected, or after `timeoutMs` (callers then fail fast and retry themselves). */
export function waitUntilReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done() {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    }
    client.once('ready', done);
  });
}

/** The process-wide client used by API routes. */
export async function getRedis(): Promise<Redis> {
  state.shared ??= resolveRedisUrl().then((url) => createRedis(url));
  state.shared.catch(() => {
    state.shared = undefined;
  });
  const client = await state.shared;
  // Give a fresh or reconnecting client a moment, so a request right after start-up does not fail.
  await waitUntilReady(client, 1000);
  return client;
}

/** Closes the process-wide client, so a short-lived process (a CLI command) can exit by itself. */
export async function closeRedis(): Promise<void> {
  const shared = state.shared;
  state.shared = undefined;
  const client = await shared?.catch(() => null);
  client?.disconnect();
}

const CONNECTION_ERROR_PATTERN =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest|connect ETIMEDOUT|Reached the max retries|LOADING/;

export function isRedisConnectionError(error: unknown): boolean {
  return error instanceof Error && (CONNECTION_ERROR_PATTERN.test(error.message) || error.name === 'MaxRetriesPerRequestError');
}
