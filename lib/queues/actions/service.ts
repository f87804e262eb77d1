import type { RedisClient } from '../../redis';
import { recordAudit, type AuditAction } from '../../audit';
import type { Actor } from '../../auth';
import { isAppError } from '../../errors';
import { getConnection } from '../../redis';
import { findQueue } from '../lookup';
import type { QueueRef } from '../types';
import { cleanJobs, retryJobs, type BulkResult, type BulkSelection, type CleanableState, type OnProgress } from './bulk';
import { deleteJob, promoteJob, retryJob, type RetryableState } from './job-actions';
import { pauseQueue, resumeQueue } from './queue-actions';

/**
 * What API routes and `lookout queue:*` commands call: each resolves the connection and the queue,
 * runs one action, and records it (or its refusal) in the audit log.
 */
export interface QueueTarget {
  queue: string;
  prefix?: string;
}

interface AuditedAction<T> {
  action: AuditAction;
  jobIds?: readonly string[];
  params?: Record<string, string | number>;
  run(redis: RedisClient, ref: QueueRef): Promise<T>;
  count(result: T): number;
}

async function audited<T>(target: QueueTarget, actor: Actor, spec: AuditedAction<T>): Promise<T> {
  const { redis, prefixes } = await getConnection();
  const ref = await findQueue(redis, prefixes, target.queue, target.prefix);
  const started = performance.now();
  const record = (result: 'ok' | 'error', count: number, message: string | null) =>
    recordAudit(redis, {
      actor: { name: actor.name, role: actor.role, via: actor.via },
      action: spec.action,
      queue: ref.name,
      prefix: ref.prefix,
      jobIds: [...(spec.jobIds ?? [])],
      count,
      params: spec.params ?? {},
      result,
      message,
      durationMs: performance.now() - started,
    }).catch((error: unknown) => {
      // The action itself has happened; failing the request now would invite a second attempt.
      console.error(`[lookout] could not write the audit log entry for ${spec.action} on ${ref.name}:`, error);
    });
  try {
    const result = await spec.run(redis, ref);
    await record('ok', spec.count(result), null);
    return result;
  } catch (error) {
    // Refusals (404, 409, 400) are part of the trail; an unreachable Redis cannot be written to anyway.
    if (isAppError(error)) await record('error', 0, error.message);
    throw error;
  }
}

const counted = (result: BulkResult) => result.count;

type JobTarget = QueueTarget & { id: string };

function jobAction<T extends object>(action: AuditAction, run: (redis: RedisClient, ref: QueueRef, id: string) => Promise<T>) {
  return (target: JobTarget, actor: Actor): Promise<{ ok: true } & T> =>
    audited(target, actor, {
      action,
      jobIds: [target.id],
      run: async (redis, ref) => ({ ok: true as const, ...(await run(redis, ref, target.id)) }),
      count: () => 1,
    });
}

export const retryJobAction = jobAction('job.retry', retryJob);
export const deleteJobAction = jobAction('job.delete', deleteJob);
export const promoteJobAction = jobAction('job.promote', promoteJob);

function queueAction<T extends object>(action: AuditAction, run: (redis: RedisClient, ref: QueueRef) => Promise<void>, answer: T) {
  return (target: QueueTarget, actor: Actor): Promise<{ ok: true } & T> =>
    audited(target, actor, {
      action,
      run: async (redis, ref) => {
        await run(redis, ref);
        return { ok: true as const, ...answer };
      },
      // Pausing moves no job.
      count: () => 0,
    });
}

export const pauseQueueAction = queueAction('queue.pause', pauseQueue, { paused: true });
export const resumeQueueAction = queueAction('queue.resume', resumeQueue, { paused: false });

function selectionParams(selection: BulkSelection): Record<string, string | number> {
  return {
    ...(selection.group !== undefined ? { group: selection.group } : {}),
    ...(selection.ids ? { ids: selection.ids.length } : {}),
  };
}

export function retryJobsAction(
  target: QueueTarget,
  body: { state: RetryableState } & BulkSelection,
  actor: Actor,
  onProgress?: OnProgress,
): Promise<BulkResult> {
  return audited(target, actor, {
    action: 'queue.retry',
    jobIds: body.ids,
    params: { state: body.state, ...selectionParams(body) },
    run: (redis, ref) => retryJobs(redis, ref, body.state, body, onProgress),
    count: counted,
  });
}

export function cleanJobsAction(
  target: QueueTarget,
  body: { state: CleanableState; graceMs: number } & BulkSelection,
  actor: Actor,
  onProgress?: OnProgress,
): Promise<BulkResult> {
  return audited(target, actor, {
    action: 'queue.clean',
    jobIds: body.ids,
    params: { state: body.state, graceMs: body.graceMs, ...selectionParams(body) },
    run: (redis, ref) => cleanJobs(redis, ref, body.state, body.graceMs, body, onProgress),
    count: counted,
  });
}
