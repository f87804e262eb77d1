import type { RedisClient } from '../../redis';
import { conflict } from '../../errors';
import type { QueueRef } from '../types';
import { BULL_ERROR, bullErrorCode, isRaceError } from './bull-errors';
import { bullQueue, jobHandle } from './bull-queue';
import { describeState, inspectJob, jobGone, type JobSnapshot } from './inspect';

export const RETRYABLE_STATES = ['failed', 'completed'] as const;
export type RetryableState = (typeof RETRYABLE_STATES)[number];

export function isRetryable(state: JobSnapshot['state']): state is RetryableState {
  return (RETRYABLE_STATES as readonly string[]).includes(state);
}

async function requireJob(redis: RedisClient, ref: QueueRef, id: string): Promise<JobSnapshot> {
  const job = await inspectJob(redis, ref, id);
  if (!job) throw jobGone(ref, id);
  return job;
}

/**
 * BullMQ said the job was not where we saw it a moment ago: someone else moved or removed it.
 * Looks again so the answer says what happened (404 when gone, 409 with the state it is in now).
 */
async function explainRace(redis: RedisClient, ref: QueueRef, id: string, error: unknown, expected: string, verb: string): Promise<unknown> {
  if (!isRaceError(error)) return error;
  const now = await inspectJob(redis, ref, id);
  if (!now || bullErrorCode(error) === BULL_ERROR.jobNotExist) return jobGone(ref, id);
  return conflict(`Job "${id}" is no longer ${expected}: it is ${describeState(now.state)}. Someone else probably ${verb} it a moment ago.`);
}

/** Moves a failed or completed job back to waiting with BullMQ's reprocessJob script. */
export async function retryJob(redis: RedisClient, ref: QueueRef, id: string): Promise<{ previousState: RetryableState }> {
  const job = await requireJob(redis, ref, id);
  if (!isRetryable(job.state)) {
    throw conflict(`Job "${id}" is ${describeState(job.state)}; only failed or completed jobs can be retried.`);
  }
  try {
    await jobHandle(bullQueue(redis, ref), id, job.rawOpts).retry(job.state);
  } catch (error) {
    throw await explainRace(redis, ref, id, error, job.state, 'retried');
  }
  return { previousState: job.state };
}

const LOCKED_MESSAGE = (id: string) =>
  `Job "${id}" is active: a worker holds its lock (or a lock on one of its children). Wait until it finishes or fails, then delete it.`;

/** Removes a job with its data, logs and children; refused while a worker holds its lock. */
export async function deleteJob(redis: RedisClient, ref: QueueRef, id: string): Promise<{ previousState: JobSnapshot['state'] }> {
  const job = await requireJob(redis, ref, id);
  if (job.state === 'active') throw conflict(LOCKED_MESSAGE(id));
  let removed: number;
  try {
    removed = await bullQueue(redis, ref).remove(id, { removeChildren: true });
  } catch (error) {
    if (bullErrorCode(error) === BULL_ERROR.jobBelongsToJobScheduler) {
      throw conflict(`Job "${id}" is the next run of a job scheduler; remove the scheduler instead of the job.`);
    }
    throw error;
  }
  // The script checks the lock atomically: a worker may have taken the job since we looked.
  if (removed === 0) throw conflict(LOCKED_MESSAGE(id));
  return { previousState: job.state };
}

/** Moves a delayed job to waiting now, with BullMQ's promote script. */
export async function promoteJob(redis: RedisClient, ref: QueueRef, id: string): Promise<{ previousState: 'delayed' }> {
  const job = await requireJob(redis, ref, id);
  if (job.state !== 'delayed') throw conflict(`Job "${id}" is ${describeState(job.state)}; only delayed jobs can be promoted.`);
  try {
    await jobHandle(bullQueue(redis, ref), id, job.rawOpts).promote();
  } catch (error) {
    throw await explainRace(redis, ref, id, error, 'delayed', 'promoted');
  }
  return { previousState: 'delayed' };
}
