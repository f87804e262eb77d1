import type { ChainableCommander } from 'ioredis';
import type { z } from 'zod';
import { execPerItem, execPipeline, hashedPart, type RedisClient } from '../redis';

/**
 * Heartbeat-style records: a JSON value that expires unless rewritten, plus an index scored by write time
 * so readers find records without SCAN. Workers and supervisors both use it.
 */
export const TTL_BEATS = 6;
/** A record whose writer missed this many beats is shown as stale (it disappears at TTL_BEATS). */
export const STALE_AFTER_BEATS = 3;

export function presenceTtlMs(heartbeatIntervalMs: number): number {
  return heartbeatIntervalMs * TTL_BEATS;
}

export function isStale(lastHeartbeatAt: number, heartbeatIntervalMs: number, now: number): boolean {
  return now - lastHeartbeatAt > heartbeatIntervalMs * STALE_AFTER_BEATS;
}

export interface PresenceRecord {
  indexKey: string;
  key: string;
  member: string;
  value: unknown;
  at: number;
  ttlMs: number;
}

/**
 * Writes the record and its index entry, and drops index entries older than the TTL, in one MULTI (the keys share a
 * hash tag, see keys.ts, so this also works on a Redis Cluster).
 */
export function writePresence(redis: RedisClient, record: PresenceRecord, extraReads: (multi: ChainableCommander) => void = () => undefined) {
  const multi = redis
    .multi()
    .set(record.key, JSON.stringify(record.value), 'PX', record.ttlMs)
    .zadd(record.indexKey, record.at, record.member)
    .zremrangebyscore(record.indexKey, '-inf', record.at - record.ttlMs)
    .pexpire(record.indexKey, record.ttlMs);
  extraReads(multi);
  return execPipeline(multi);
}

export async function removePresence(redis: RedisClient, indexKey: string, key: string, member: string): Promise<void> {
  await execPipeline(redis.multi().del(key).zrem(indexKey, member));
}

/**
 * Reads every live record under several indexes in two round trips (on a cluster, one pipeline per index's hash tag in
 * each, sent at once); records that expired, or that do not match the schema (another version, damaged data), are
 * left out. The records of an index must share its hash tag.
 */
export async function readPresence<S extends z.ZodType>(
  redis: RedisClient,
  indexes: readonly { indexKey: string; keyOf: (member: string) => string }[],
  schema: S,
): Promise<z.infer<S>[]> {
  if (indexes.length === 0) return [];
  const slotOf = (index: (typeof indexes)[number]) => hashedPart(index.indexKey);
  const listings = await execPerItem(redis, indexes, slotOf, (pipeline, index) => {
    pipeline.zrange(index.indexKey, 0, -1);
  });
  const lookups = indexes.map((index, i) => {
    const [error, members] = listings[i]?.[0] ?? [null, []];
    return { index, keys: error ? [] : (members as string[]).map((member) => index.keyOf(member)) };
  });
  const values = await execPerItem(redis, lookups, (lookup) => slotOf(lookup.index), (pipeline, lookup) => {
    if (lookup.keys.length) pipeline.mget(...lookup.keys);
  });
  const records: z.infer<S>[] = [];
  for (const answer of values) {
    const [error, raws] = answer[0] ?? [null, []];
    if (error) continue;
    for (const raw of raws as (string | null)[]) {
      if (raw === null) continue;
      try {
        const parsed = schema.safeParse(JSON.parse(raw));
        if (parsed.success) records.push(parsed.data);
      } catch {
        // Not JSON: someone else's data under our key; skip it rather than fail the page.
      }
    }
  }
  return records;
}
