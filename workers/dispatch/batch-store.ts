import { z } from 'zod';
import { execPipeline, type RedisClient } from '../../lib/redis';
import { batchKey } from '../../lib/workers';
import type { BatchCallbackKind } from './batch-ids';
import type { BullJobSpec } from './job-options';

/** How long a batch record outlives its last change. */
export const BATCH_RETENTION_MS = 7 * 24 * 3600_000;

/** A batch's own record; member counts come from BullMQ's flow (the batch job's dependencies). */
export interface BatchRecord {
  id: string;
  name: string | null;
  prefix: string;
  /** Queue of the batch job that runs the callbacks. */
  queue: string;
  total: number;
  allowFailures: boolean;
  callbacks: Partial<Record<BatchCallbackKind, BullJobSpec>>;
  createdAt: number;
  cancelledAt: number | null;
  finishedAt: number | null;
}

const jobSpecSchema = z.object({ name: z.string(), queue: z.string(), data: z.unknown(), opts: z.record(z.string(), z.unknown()) });
const callbacksSchema = z.partialRecord(z.enum(['then', 'catch', 'finally']), jobSpecSchema);
const hashSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  prefix: z.string(),
  queue: z.string(),
  total: z.coerce.number().int(),
  allowFailures: z.enum(['0', '1']),
  callbacks: z.string(),
  createdAt: z.coerce.number(),
  cancelledAt: z.coerce.number().optional(),
  finishedAt: z.coerce.number().optional(),
});

/**
 * Cancels a batch that does not allow failures, unless it is cancelled already; -1 when the record is gone.
 * KEYS[1] batch record hash
 * ARGV[1] now (ms)
 */
const CANCEL_ON_FAILURE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'allowFailures') == '1' then return 0 end
return redis.call('HSETNX', KEYS[1], 'cancelledAt', ARGV[1])`;

/**
 * Marks a batch cancelled without creating a record that has expired; -1 when it is gone.
 * KEYS[1] batch record hash
 * ARGV[1] now (ms)
 */
const CANCEL = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('HSETNX', KEYS[1], 'cancelledAt', ARGV[1])`;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export class BatchStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async create(record: BatchRecord): Promise<void> {
    const key = batchKey(this.prefix, record.id);
    const fields: Record<string, string> = {
      id: record.id,
      prefix: record.prefix,
      queue: record.queue,
      total: String(record.total),
      allowFailures: record.allowFailures ? '1' : '0',
      callbacks: JSON.stringify(record.callbacks),
      createdAt: String(record.createdAt),
      ...(record.name !== null ? { name: record.name } : {}),
    };
    await execPipeline(this.redis.multi().hset(key, fields).pexpire(key, BATCH_RETENTION_MS));
  }

  async read(id: string): Promise<BatchRecord | null> {
    const parsed = hashSchema.safeParse(await this.redis.hgetall(batchKey(this.prefix, id)));
    if (!parsed.success) return null;
    const hash = parsed.data;
    const callbacks = callbacksSchema.safeParse(parseJson(hash.callbacks));
    return {
      id: hash.id,
      name: hash.name ?? null,
      prefix: hash.prefix,
      queue: hash.queue,
      total: hash.total,
      allowFailures: hash.allowFailures === '1',
      callbacks: callbacks.success ? (callbacks.data as BatchRecord['callbacks']) : {},
      createdAt: hash.createdAt,
      cancelledAt: hash.cancelledAt ?? null,
      finishedAt: hash.finishedAt ?? null,
    };
  }

  async isCancelled(id: string): Promise<boolean> {
    return (await this.redis.hexists(batchKey(this.prefix, id), 'cancelledAt')) === 1;
  }

  /** Returns false when the batch record no longer exists. */
  async cancel(id: string, now = Date.now()): Promise<boolean> {
    return Number(await this.redis.eval(CANCEL, 1, batchKey(this.prefix, id), now)) >= 0;
  }

  /** A member failed for good: without allowFailures() the rest of the batch is skipped. */
  async cancelOnFailure(id: string, now = Date.now()): Promise<void> {
    await this.redis.eval(CANCEL_ON_FAILURE, 1, batchKey(this.prefix, id), now);
  }

  async markFinished(id: string, now = Date.now()): Promise<void> {
    const key = batchKey(this.prefix, id);
    await execPipeline(this.redis.multi().hsetnx(key, 'finishedAt', String(now)).pexpire(key, BATCH_RETENTION_MS));
  }
}
