import type { RedisClient } from '../redis';
import { appendJson, readLatestJson } from './bounded-stream';
import type { AlertKeys } from './keys';

export const DELIVERY_LOG_LENGTH = 2000;
/** Attempts kept in memory while Redis is unreachable (RedisDown deliveries), written once it is back. */
const MAX_BUFFERED = 500;

/** One HTTP attempt to one webhook. */
export interface DeliveryAttempt {
  at: number;
  /** Shared by every retry of the same request; also sent as X-Lookout-Delivery. */
  deliveryId: string;
  webhookId: string;
  webhookName: string;
  format: string;
  /** Host only: webhook URLs may carry secrets in their path. */
  target: string;
  attempt: number;
  /** HTTP status, or null when no answer came (timeout, refused). */
  status: number | null;
  ok: boolean;
  /** Whether another attempt follows. */
  willRetry: boolean;
  latencyMs: number;
  error: string | null;
  kind: 'firing' | 'resolved' | 'test';
  rules: string[];
  alertIds: string[];
}

/** The delivery log: a capped Redis stream, with an in-memory buffer for attempts made while Redis is down. */
export class DeliveryLog {
  private buffer: DeliveryAttempt[] = [];

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: AlertKeys,
  ) {}

  async record(attempt: DeliveryAttempt): Promise<void> {
    this.buffer.push(attempt);
    if (this.buffer.length > MAX_BUFFERED) this.buffer.splice(0, this.buffer.length - MAX_BUFFERED);
    await this.flush();
  }

  /** Writes buffered attempts; keeps them when Redis is still unreachable. Never throws. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const pending = this.buffer;
    this.buffer = [];
    try {
      const pipeline = this.redis.multi();
      for (const attempt of pending) appendJson(pipeline, this.keys.deliveries, DELIVERY_LOG_LENGTH, attempt);
      await pipeline.exec();
    } catch {
      this.buffer = [...pending, ...this.buffer].slice(-MAX_BUFFERED);
    }
  }

  get buffered(): number {
    return this.buffer.length;
  }
}

export function readDeliveries(redis: RedisClient, keys: AlertKeys, limit: number): Promise<DeliveryAttempt[]> {
  return readLatestJson<DeliveryAttempt>(redis, keys.deliveries, limit);
}
