import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../redis';

/**
 * Lookout's capped logs (alert history, delivery attempts) are Redis streams of one JSON field each,
 * trimmed approximately to a maximum length on every write so they never grow without bound.
 */
export function appendJson(pipeline: ChainableCommander, key: string, maxLength: number, value: unknown): void {
  pipeline.xadd(key, 'MAXLEN', '~', maxLength, '*', 'e', JSON.stringify(value));
}

/** The newest entries first, at most `count`, skipping any that do not parse. */
export async function readLatestJson<T>(redis: RedisClient, key: string, count: number): Promise<T[]> {
  const entries = await redis.xrevrange(key, '+', '-', 'COUNT', count);
  const values: T[] = [];
  for (const [, fields] of entries) {
    const raw = fields[fields.indexOf('e') + 1];
    if (raw === undefined) continue;
    try {
      values.push(JSON.parse(raw) as T);
    } catch {
      // Only Lookout writes these streams; a damaged entry is skipped rather than failing the page.
    }
  }
  return values;
}
