import type { ConnectionOptions, RedisOptions as BullRedisOptions } from 'bullmq';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseClusterNodes } from '../lib/config';
import { FAIL_FAST_OPTIONS, logRedisErrors, queueHashTag, type RedisClient } from '../lib/redis';

/**
 * Where the runtime finds Redis: a URL (`redis://…`, `rediss://…`), ioredis options, or a Redis Cluster as
 * `{ clusterNodes: 'host:port,host:port' }` (the REDIS_CLUSTER_NODES form; entries may carry credentials and TLS).
 */
export type RedisConnection = string | (RedisOptions & { url?: string }) | ClusterConnection;

export interface ClusterConnection {
  clusterNodes: string;
  /** Applied to the connection to every node. */
  redisOptions?: RedisOptions;
}

export function isClusterConnection(connection: RedisConnection): connection is ClusterConnection {
  return typeof connection === 'object' && 'clusterNodes' in connection;
}

function split(connection: string | (RedisOptions & { url?: string })): { url?: string; options: RedisOptions } {
  if (typeof connection === 'string') return { url: connection, options: {} };
  const { url, ...options } = connection;
  return { url, options };
}

function openCluster(connection: ClusterConnection, overrides: RedisOptions): Cluster {
  const spec = parseClusterNodes(connection.clusterNodes, 'REDIS_CLUSTER_NODES');
  return logRedisErrors(
    new Cluster(spec.nodes, {
      // Like its nodes: without an offline queue, commands fail at once while the cluster is away.
      ...(overrides.enableOfflineQueue === false ? { enableOfflineQueue: false } : {}),
      redisOptions: {
        ...connection.redisOptions,
        ...(spec.username ? { username: spec.username } : {}),
        ...(spec.password ? { password: spec.password } : {}),
        ...(spec.tls ? { tls: {} } : {}),
        ...overrides,
      },
    }),
  );
}

/**
 * BullMQ's form; its blocking commands need maxRetriesPerRequest: null. BullMQ cannot open a cluster from options, so a
 * cluster connection is given as a client of our own, which BullMQ shares and never closes: the caller closes it.
 */
export function bullConnection(connection: RedisConnection): ConnectionOptions {
  if (isClusterConnection(connection)) return openCluster(connection, { maxRetriesPerRequest: null });
  const { url, options } = split(connection);
  // ioredis types allow `retryStrategy: null` and BullMQ's do not, so only a function is passed on.
  const { retryStrategy, ...rest } = options;
  const bull: BullRedisOptions = { ...rest, ...(retryStrategy ? { retryStrategy } : {}), ...(url ? { url } : {}), maxRetriesPerRequest: null };
  return bull;
}

/** A client of our own (heartbeats, rate limits, batches): its owner closes it. */
export function openRedis(connection: RedisConnection, overrides: RedisOptions = {}): RedisClient {
  if (isClusterConnection(connection)) return openCluster(connection, overrides);
  const { url, options } = split(connection);
  return logRedisErrors(url ? new Redis(url, { ...options, ...overrides }) : new Redis({ ...options, ...overrides }));
}

/**
 * A client of our own that fails fast while Redis is away instead of queueing commands (lib/redis FAIL_FAST_OPTIONS):
 * for writers that keep what failed and retry by themselves, like the metrics recorder.
 */
export function openFailFastRedis(connection: RedisConnection): RedisClient {
  return openRedis(connection, FAIL_FAST_OPTIONS);
}

/**
 * On a cluster, why one worker process cannot serve these queues, or null when it can: it waits for all of them in
 * one BZPOPMIN and checks their backlog in one pipeline, so their keys must share a hash tag (prefix `{bull}`).
 */
export function clusterQueuesProblem(prefix: string, queues: readonly string[]): string | null {
  const tags = new Set(queues.map((queue) => queueHashTag(prefix, queue)));
  const untagged = queues.filter((queue) => queueHashTag(prefix, queue) === null);
  if (untagged.length) return `on a Redis Cluster a queue needs a hash tag in its prefix or name (e.g. --prefix={bull}); ${untagged.join(', ')} has none`;
  if (tags.size > 1) return `on a Redis Cluster one worker's queues must share a hash tag (e.g. --prefix={bull}), or run one worker per queue; ${queues.join(', ')} do not`;
  return null;
}

/** The Redis the environment names for workers and dispatches: REDIS_CLUSTER_NODES (a cluster) or REDIS_URL; null for none. */
export function connectionFromEnv(env: Record<string, string | undefined> = process.env): string | ClusterConnection | null {
  if (env.REDIS_CLUSTER_NODES?.trim()) return { clusterNodes: env.REDIS_CLUSTER_NODES };
  return env.REDIS_URL?.trim() ? env.REDIS_URL : null;
}
