import type { ConnectionOptions, RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { logRedisErrors } from '../lib/redis';

/** Where the runtime finds Redis: a URL (`redis://…`, `rediss://…`) or ioredis options. */
export type RedisConnection = string | (RedisOptions & { url?: string });

function split(connection: RedisConnection): { url?: string; options: RedisOptions } {
  if (typeof connection === 'string') return { url: connection, options: {} };
  const { url, ...options } = connection;
  return { url, options };
}

/** BullMQ's form; its blocking commands need maxRetriesPerRequest: null. */
export function bullConnection(connection: RedisConnection): ConnectionOptions {
  const { url, options } = split(connection);
  // ioredis types allow `retryStrategy: null` and BullMQ's do not, so only a function is passed on.
  const { retryStrategy, ...rest } = options;
  const bull: BullRedisOptions = { ...rest, ...(retryStrategy ? { retryStrategy } : {}), ...(url ? { url } : {}), maxRetriesPerRequest: null };
  return bull;
}

/** A client of our own (heartbeats, rate limits, batches): its owner closes it. */
export function openRedis(connection: RedisConnection, overrides: RedisOptions = {}): Redis {
  const { url, options } = split(connection);
  return logRedisErrors(url ? new Redis(url, { ...options, ...overrides }) : new Redis({ ...options, ...overrides }));
}
