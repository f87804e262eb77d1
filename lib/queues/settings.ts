import type { RedisClient } from '../redis';
import { BULL_SUFFIX, queueKey } from '../redis';
import type { QueueRef } from './types';

export interface QueueSettings {
  /** `Queue.setGlobalConcurrency`, null when unset. */
  globalConcurrency: number | null;
  /** `Queue.setGlobalRateLimit` / worker limiter stored in meta, null when unset. */
  rateLimit: { max: number; durationMs: number } | null;
  /** Version of the BullMQ client that last wrote the queue, e.g. `bullmq:6.7.0`. */
  bullVersion: string | null;
}

function positive(raw: string | undefined): number | null {
  const value = Number(raw);
  return raw !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}

export async function readQueueSettings(redis: RedisClient, ref: QueueRef): Promise<QueueSettings> {
  let meta: Record<string, string> = {};
  try {
    meta = await redis.hgetall(queueKey(ref.prefix, ref.name, BULL_SUFFIX.meta));
  } catch (error) {
    // A meta key of the wrong type is bad data, not a reason to fail the page.
    if (!(error instanceof Error && error.message.startsWith('WRONGTYPE'))) throw error;
  }
  const max = positive(meta.max);
  const duration = positive(meta.duration);
  return {
    globalConcurrency: positive(meta.concurrency),
    rateLimit: max !== null && duration !== null ? { max, durationMs: duration } : null,
    bullVersion: meta.version ?? null,
  };
}
