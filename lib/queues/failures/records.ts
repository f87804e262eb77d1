import type { RedisClient } from '../../redis';
import { execPipeline, jobKey } from '../../redis';
import type { QueueRef } from '../types';
import { failureSignature, fingerprintOf, type FailureSignature } from './fingerprint';

/** One failed job as failure grouping sees it. */
export interface FailureRecord extends FailureSignature {
  id: string;
  name: string | null;
  failedReason: string | null;
  finishedOn: number | null;
  fingerprint: string;
}

/** BullMQ keeps one stack per failed attempt (a JSON array, oldest first); the newest one says where it fails now. */
export function newestStack(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const stacks: unknown = JSON.parse(raw);
    if (Array.isArray(stacks)) {
      const last: unknown = stacks[stacks.length - 1];
      return typeof last === 'string' ? last : null;
    }
    return typeof stacks === 'string' ? stacks : null;
  } catch {
    return raw;
  }
}

/** Reads what grouping needs for a batch of ids in one pipeline; jobs removed meanwhile are left out. */
export async function readFailureRecords(redis: RedisClient, ref: QueueRef, ids: readonly string[]): Promise<FailureRecord[]> {
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hmget(jobKey(ref.prefix, ref.name, id), 'name', 'failedReason', 'stacktrace', 'finishedOn');
  const results = await execPipeline(pipeline);
  const records: FailureRecord[] = [];
  ids.forEach((id, index) => {
    const [error, value] = results[index] ?? [null, null];
    if (error || !Array.isArray(value)) return;
    const [name, failedReason, stacktrace, finishedOn] = value as (string | null)[];
    if (name == null && failedReason == null && finishedOn == null) return;
    const signature = failureSignature(failedReason ?? null, newestStack(stacktrace ?? null));
    const finished = Number(finishedOn);
    records.push({
      id,
      name: name ?? null,
      failedReason: failedReason ?? null,
      finishedOn: finishedOn != null && Number.isFinite(finished) ? finished : null,
      ...signature,
      fingerprint: fingerprintOf(signature),
    });
  });
  return records;
}
