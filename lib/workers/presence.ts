import type { ChainableCommander, Redis } from 'ioredis';
import type { z } from 'zod';
import { execPipeline } from '../redis';

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

/** Writes the record and its index entry, and drops index entries older than the TTL, in one MULTI. */
export function writePresence(redis: Redis, record: PresenceRecord, extraReads: (multi: ChainableCommander) => void = () => undefined) {
  const multi = redis
    .multi()
    .set(record.key, JSON.stringify(record.value), 'PX', record.ttlMs)
    .zadd(record.indexKey, record.at, record.member)
    .zremrangebyscore(record.indexKey, '-inf', record.at - record.ttlMs)
    .pexpire(record.indexKey, record.ttlMs);
  extraReads(multi);
  return execPipeline(multi);
}

export async function removePresence(redis: Redis, indexKey: string, key: string, member: string): Promise<void> {
  await execPipeline(redis.multi().del(key).zrem(indexKey, member));
}

/**
 * Reads every live record under several indexes in two round trips; records that expired, or that do not
 * match the schema (another version, damaged data), are left out.
 */
export async function readPresence<S extends z.ZodType>(
  redis: Redis,
  indexes: readonly { indexKey: string; keyOf: (member: string) => string }[],
  schema: S,
): Promise<z.infer<S>[]> {
  if (indexes.length === 0) return [];
  const listing = redis.pipeline();
  for (const index of indexes) listing.zrange(index.indexKey, 0, -1);
  const members = (await execPipeline(listing)).map(([error, value]) => (error ? [] : (value as string[])));
  const keys = indexes.flatMap((index, i) => (members[i] ?? []).map((member) => index.keyOf(member)));
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  const records: z.infer<S>[] = [];
  for (const raw of values) {
    if (raw === null) continue;
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // Not JSON: someone else's data under our key; skip it rather than fail the page.
    }
  }
  return records;
}
