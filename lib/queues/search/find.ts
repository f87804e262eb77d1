import { execPerItem, hashedPart, jobKey, type RedisClient } from '../../redis';
import { findJobState } from '../jobs';
import type { JobState, QueueRef } from '../types';

/** A job found by id in some queue. */
export interface FoundJob {
  queue: string;
  prefix: string;
  id: string;
  name: string | null;
  /** `unknown` for a job hash that no state holds (an orphan, or a job mid-move). */
  state: JobState | 'unknown';
  timestamp: number | null;
}

/**
 * Looks a job id up in every queue: one pipeline (one per hash slot on a cluster) asks each queue for that job's
 * hash, then the queues that have it say which state holds it. Two requests however many queues there are.
 */
export async function findJobInQueues(redis: RedisClient, refs: readonly QueueRef[], id: string): Promise<FoundJob[]> {
  if (refs.length === 0) return [];
  const results = await execPerItem(
    redis,
    refs,
    (ref) => hashedPart(jobKey(ref.prefix, ref.name, id)),
    (pipeline, ref) => pipeline.hmget(jobKey(ref.prefix, ref.name, id), 'name', 'timestamp'),
  );
  const hits = refs.flatMap((ref, index) => {
    const [error, values] = results[index]?.[0] ?? [null, null];
    if (error || !Array.isArray(values)) return [];
    const [name, timestamp] = values as (string | null)[];
    if (name == null && timestamp == null) return [];
    const created = Number(timestamp);
    return [{ ref, name: name ?? null, timestamp: timestamp != null && Number.isFinite(created) ? created : null }];
  });
  const states = await Promise.all(hits.map((hit) => findJobState(redis, hit.ref, id)));
  return hits.map((hit, index) => ({ queue: hit.ref.name, prefix: hit.ref.prefix, id, name: hit.name, state: states[index] ?? 'unknown', timestamp: hit.timestamp }));
}
