import { discoveryPattern, queueNameFromDiscoveryKey, scanKeys, type RedisClient } from '../redis';
import type { QueueRef } from './types';

// Larger batches mean fewer round trips over a big keyspace; each SCAN call still returns in about a millisecond.
const SCAN_COUNT = 5000;

/** Finds every BullMQ queue under the prefixes with SCAN on every master (never KEYS, so Redis is never blocked). */
export async function discoverQueues(redis: RedisClient, prefixes: readonly string[]): Promise<QueueRef[]> {
  const found = new Map<string, QueueRef>();
  for (const prefix of prefixes) {
    for await (const keys of scanKeys(redis, discoveryPattern(prefix), SCAN_COUNT)) {
      for (const key of keys) {
        const name = queueNameFromDiscoveryKey(prefix, key);
        if (name !== null) found.set(`${prefix}\u0000${name}`, { prefix, name });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.prefix.localeCompare(b.prefix));
}

interface CacheEntry {
  at: number;
  refs: Promise<QueueRef[]>;
  refreshing: boolean;
}

const cache = new WeakMap<RedisClient, Map<string, CacheEntry>>();

/**
 * Discovery walks the whole keyspace, so its answer is cached. A stale answer is served at once while one
 * background scan refreshes it (stale-while-revalidate): requests never wait for a scan after the first one,
 * and a new queue shows up within about `maxAgeMs`. With `waitForFresh`, a stale answer is rescanned first.
 */
export function discoverQueuesCached(
  redis: RedisClient,
  prefixes: readonly string[],
  maxAgeMs = 5000,
  options: { waitForFresh?: boolean } = {},
): Promise<QueueRef[]> {
  let byPrefixes = cache.get(redis);
  if (!byPrefixes) {
    byPrefixes = new Map();
    cache.set(redis, byPrefixes);
  }
  const entries = byPrefixes;
  const cacheKey = prefixes.join('\u0000');
  const entry = entries.get(cacheKey);
  // Background loops (the monitor) would rather wait for a fresh scan than sample a stale list.
  if (!entry || (options.waitForFresh && Date.now() - entry.at >= maxAgeMs)) {
    const fresh: CacheEntry = { at: Date.now(), refs: discoverQueues(redis, prefixes), refreshing: false };
    entries.set(cacheKey, fresh);
    fresh.refs.catch(() => entries.get(cacheKey) === fresh && entries.delete(cacheKey));
    return fresh.refs;
  }
  if (Date.now() - entry.at >= maxAgeMs && !entry.refreshing) {
    entry.refreshing = true;
    discoverQueues(redis, prefixes).then(
      (refs) => entries.set(cacheKey, { at: Date.now(), refs: Promise.resolve(refs), refreshing: false }),
      () => {
        // Keep serving the last good answer; the next request retries the scan.
        entry.refreshing = false;
      },
    );
  }
  return entry.refs;
}
