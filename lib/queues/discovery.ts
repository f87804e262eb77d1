import type { Redis } from 'ioredis';
import { discoveryPattern, queueNameFromDiscoveryKey } from '../redis';
import type { QueueRef } from './types';

const SCAN_COUNT = 1000;

/** Finds every BullMQ queue under the prefixes with SCAN (never KEYS, so Redis is never blocked). */
export async function discoverQueues(redis: Redis, prefixes: readonly string[]): Promise<QueueRef[]> {
  const found = new Map<string, QueueRef>();
  for (const prefix of prefixes) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', discoveryPattern(prefix), 'COUNT', SCAN_COUNT);
      cursor = next;
      for (const key of keys) {
        const name = queueNameFromDiscoveryKey(prefix, key);
        if (name !== null) found.set(`${prefix}\u0000${name}`, { prefix, name });
      }
    } while (cursor !== '0');
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.prefix.localeCompare(b.prefix));
}

interface CacheEntry {
  at: number;
  refs: Promise<QueueRef[]>;
}

const cache = new WeakMap<Redis, Map<string, CacheEntry>>();

/**
 * Discovery walks the whole keyspace, so answers are cached briefly; concurrent callers share one scan.
 * A new queue shows up within `maxAgeMs`.
 */
export function discoverQueuesCached(redis: Redis, prefixes: readonly string[], maxAgeMs = 5000): Promise<QueueRef[]> {
  let byPrefixes = cache.get(redis);
  if (!byPrefixes) {
    byPrefixes = new Map();
    cache.set(redis, byPrefixes);
  }
  const cacheKey = prefixes.join('\u0000');
  const entry = byPrefixes.get(cacheKey);
  if (entry && Date.now() - entry.at < maxAgeMs) return entry.refs;
  const refs = discoverQueues(redis, prefixes);
  const fresh = { at: Date.now(), refs };
  byPrefixes.set(cacheKey, fresh);
  refs.catch(() => byPrefixes?.get(cacheKey) === fresh && byPrefixes.delete(cacheKey));
  return refs;
}
