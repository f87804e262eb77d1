import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import type { RedisClient } from '../redis';
import { execPipeline, isDataError } from '../redis';
import type { BatchCallbackKind } from './ids';
import { batchIndexKey, batchKey } from './keys';

/** How long a batch record outlives its last change. */
export const BATCH_RETENTION_MS = 7 * 24 * 3600_000;

/** A callback job as BullMQ takes it (the runtime stores callbacks in BullMQ's terms). */
export interface BatchCallbackJob {
  name: string;
  queue: string;
  data: unknown;
  opts: JobsOptions;
}

/** A batch's own record; member counts come from BullMQ's flow (the batch job's dependencies). */
export interface BatchRecord {
  id: string;
  name: string | null;
  prefix: string;
  /** Queue of the batch job that runs the callbacks. */
  queue: string;
  total: number;
  allowFailures: boolean;
  callbacks: Partial<Record<BatchCallbackKind, BatchCallbackJob>>;
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
 * Marks a batch cancelled without creating a record that has expired: 1 when it is now cancelled, 0 when it was
 * already, -2 when it has finished (nothing left to skip), -1 when it is gone.
 * KEYS[1] batch record hash
 * ARGV[1] now (ms)
 */
const CANCEL = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HEXISTS', KEYS[1], 'finishedAt') == 1 then return -2 end
return redis.call('HSETNX', KEYS[1], 'cancelledAt', ARGV[1])`;

export type CancelResult = 'cancelled' | 'already-cancelled' | 'finished' | 'gone';
const CANCEL_RESULTS: Record<string, CancelResult> = { '1': 'cancelled', '0': 'already-cancelled', '-2': 'finished', '-1': 'gone' };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A batch record from its hash, or null when the hash is gone or not one the runtime wrote. */
export function parseBatchRecord(fields: Record<string, string>): BatchRecord | null {
  const parsed = hashSchema.safeParse(fields);
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

/** The batch records of one BullMQ prefix: written by the worker runtime, read and cancelled by the dashboard too. */
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
    const index = batchIndexKey(this.prefix);
    // The index forgets batches older than the retention; their records expire on their own.
    await execPipeline(
      this.redis
        .multi()
        .hset(key, fields)
        .pexpire(key, BATCH_RETENTION_MS)
        .zadd(index, record.createdAt, record.id)
        .zremrangebyscore(index, '-inf', record.createdAt - BATCH_RETENTION_MS)
        .pexpire(index, BATCH_RETENTION_MS),
    );
  }

  async read(id: string): Promise<BatchRecord | null> {
    try {
      return parseBatchRecord(await this.redis.hgetall(batchKey(this.prefix, id)));
    } catch (error) {
      // A key of another type under the record's name (damage, another client) is no batch of ours.
      if (error instanceof Error && isDataError(error)) return null;
      throw error;
    }
  }

  async isCancelled(id: string): Promise<boolean> {
    return (await this.redis.hexists(batchKey(this.prefix, id), 'cancelledAt')) === 1;
  }

  /** Members that have not started yet are skipped from now on (the worker checks before running each). */
  async cancel(id: string, now = Date.now()): Promise<CancelResult> {
    return CANCEL_RESULTS[String(await this.redis.eval(CANCEL, 1, batchKey(this.prefix, id), now))] ?? 'gone';
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
