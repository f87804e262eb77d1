import { join } from 'node:path';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { readConnectionSpecs, type ConnectionSpec } from '../config';
import { invalid } from '../errors';
import type { RedisClient } from './client';
import { currentConnectionName } from './context';
import { startRedisServer, type RedisServerHandle } from './embedded';

export const EMBEDDED_REDIS_DIR = join('.lookout', 'redis');

interface ConnectionState {
  embedded?: Promise<RedisServerHandle>;
  /** Shared clients by connection spec (its JSON), so a changed configuration gets a new client. */
  shared: Map<string, Promise<RedisClient>>;
}

// Kept on globalThis so Next.js dev reloads and several route bundles share the clients.
const state: ConnectionState = ((globalThis as { __lookoutConnections?: ConnectionState }).__lookoutConnections ??= { shared: new Map() });

/** Starts (once per process) the embedded redis-server used when no Redis is configured. */
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

/** Logs a client's errors: ioredis emits one per reconnect attempt, and one line every 10 s is enough. */
export function logRedisErrors<C extends RedisClient>(client: C): C {
  let lastLogged = 0;
  client.on('error', (error: Error) => {
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      console.error(`[lookout] redis: ${error.message}`);
    }
  });
  return client;
}

export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return logRedisErrors(new Redis(url, { ...FAIL_FAST_OPTIONS, ...options }));
}

/** A Cluster client with the same fail-fast behaviour; `options` apply to every node connection. */
export function createCluster(spec: Extract<ConnectionSpec, { kind: 'cluster' }>, options: RedisOptions = {}): Cluster {
  const { enableOfflineQueue, retryStrategy, ...nodeOptions } = { ...FAIL_FAST_OPTIONS, ...options };
  return logRedisErrors(
    new Cluster(spec.nodes, {
      enableOfflineQueue,
      clusterRetryStrategy: (attempt) => (retryStrategy ? retryStrategy(attempt) : null),
      slotsRefreshTimeout: 2000,
      redisOptions: {
        ...nodeOptions,
        ...(spec.username ? { username: spec.username } : {}),
        ...(spec.password ? { password: spec.password } : {}),
        ...(spec.tls ? { tls: {} } : {}),
      },
    }),
  );
}

/** A new client for a connection (the embedded server is started when the spec has no URL); the caller closes it. */
export async function connect(spec: ConnectionSpec, options: RedisOptions = {}): Promise<RedisClient> {
  if (spec.kind === 'cluster') return createCluster(spec, options);
  return createRedis(spec.url ?? (await startEmbeddedRedis()).url, options);
}

/** Resolves once the client is connected, or after `timeoutMs` (callers then fail fast and retry themselves). */
export function waitUntilReady(client: RedisClient, timeoutMs: number): Promise<void> {
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

/** One configured Redis deployment with its process-wide client: what lib/ functions serving requests work on. */
export interface LookoutConnection {
  name: string;
  kind: ConnectionSpec['kind'];
  /** BullMQ prefixes to discover queues under. */
  prefixes: readonly string[];
  redis: RedisClient;
}

/** The configured connections, the default one first. */
export function connectionSpecs(): ConnectionSpec[] {
  return readConnectionSpecs();
}

/** The spec named `name`, or else the one the current request addresses, or else the default; 400 when unknown. */
export function connectionSpec(name: string | undefined = currentConnectionName()): ConnectionSpec {
  const specs = connectionSpecs();
  const spec = name === undefined ? specs[0] : specs.find((candidate) => candidate.name === name);
  if (!spec) throw invalid(`Unknown connection "${name}"; configured: ${specs.map((candidate) => candidate.name).join(', ')}.`, 'connection');
  return spec;
}

/**
 * The process-wide client of a connection (see connectionSpec for which one), with its prefixes. Request-serving
 * code calls it without a name and gets the connection of the request it serves.
 */
export async function getConnection(name?: string): Promise<LookoutConnection> {
  const spec = connectionSpec(name);
  const key = JSON.stringify(spec);
  let shared = state.shared.get(key);
  if (!shared) {
    const opened = connect(spec);
    shared = opened;
    state.shared.set(key, opened);
    opened.catch(() => state.shared.get(key) === opened && state.shared.delete(key));
  }
  const redis = await shared;
  // Give a fresh or reconnecting client a moment, so a request right after start-up does not fail.
  await waitUntilReady(redis, 1000);
  return { name: spec.name, kind: spec.kind, prefixes: spec.prefixes, redis };
}

/** The process-wide client of a connection; see getConnection. */
export async function getRedis(name?: string): Promise<RedisClient> {
  return (await getConnection(name)).redis;
}

/** Closes every process-wide client, so a short-lived process (a CLI command) can exit by itself. */
export async function closeRedis(): Promise<void> {
  const shared = [...state.shared.values()];
  state.shared.clear();
  await Promise.all(shared.map(async (client) => (await client.catch(() => null))?.disconnect()));
}

const CONNECTION_ERROR_PATTERN =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest|connect ETIMEDOUT|Reached the max retries|LOADING|Cluster isn't ready|None of startup nodes is available|Failed to refresh slots cache|CLUSTERDOWN/;

export function isRedisConnectionError(error: unknown): boolean {
  return error instanceof Error && (CONNECTION_ERROR_PATTERN.test(error.message) || error.name === 'MaxRetriesPerRequestError');
}
