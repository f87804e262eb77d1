import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { escapeGlob, isCluster, lookoutKeyPattern, scanKeys, type RedisClient } from '../../lib/redis';

/** The URL of the redis-server the test run started (test/setup/redis.global.ts). */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

export function connectionOptions() {
  const url = new URL(testRedisUrl());
  return { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null };
}

/** A key prefix no other test uses, so tests can run in parallel on one Redis. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${randomUUID().slice(0, 8)}`;
}

export function testRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: 3 });
}

/**
 * Deletes every key under a BullMQ prefix, and Lookout's own keys when the prefix is also used as a namespace
 * (`{<prefix>}:…`), on every master (SCAN, so it also works on a big test data set). On a cluster, one UNLINK per
 * key, since multi-key commands across slots are refused.
 */
export async function deletePrefix(redis: RedisClient, prefix: string): Promise<void> {
  for (const pattern of [`${escapeGlob(prefix)}:*`, lookoutKeyPattern(prefix)]) {
    for await (const keys of scanKeys(redis, pattern, 1000)) {
      if (isCluster(redis)) await Promise.all(keys.map((key) => redis.unlink(key)));
      else await redis.unlink(...keys);
    }
  }
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
