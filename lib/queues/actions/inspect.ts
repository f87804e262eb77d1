import type { RedisClient } from '../../redis';
import { notFound } from '../../errors';
import { jobKey } from '../../redis';
import { findJobState } from '../jobs';
import type { JobState, QueueRef } from '../types';

export interface JobSnapshot {
  state: JobState | 'unknown';
  rawOpts: string | null;
}

/** Where a job is right now, or null when neither its hash nor any state holds it. */
export async function inspectJob(redis: RedisClient, ref: QueueRef, id: string): Promise<JobSnapshot | null> {
  const [[name, timestamp, rawOpts], state] = await Promise.all([
    redis.hmget(jobKey(ref.prefix, ref.name, id), 'name', 'timestamp', 'opts'),
    findJobState(redis, ref, id),
  ]);
  if (state === null && name === null && timestamp === null && rawOpts === null) return null;
  return { state: state ?? 'unknown', rawOpts: rawOpts ?? null };
}

export function jobGone(ref: QueueRef, id: string) {
  return notFound(`Job "${id}" was not found in queue "${ref.name}"; it may have been removed.`);
}

export function describeState(state: JobState | 'unknown'): string {
  return state === 'unknown' ? 'in no state list (an orphaned job hash)' : state.replace('-', ' ');
}
