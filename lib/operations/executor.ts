import type { RedisClient } from '../redis';
import { applyToJobs, BULK_CHUNK_SIZE, compileFilter, isFinishedState, JobScanner, type JobFilter, type QueueRef } from '../queues';
import { stampsOf } from './eligibility';
import type { Lease, OperationStore } from './store';
import type { OperationRecord } from './types';

/** What moving an operation forward needs; the caller holds `lease` on it. */
export interface ExecutorContext {
  redis: RedisClient;
  store: OperationStore;
  lease: Lease;
  /** Writes the operation's audit entry once it has ended. */
  audit(record: OperationRecord): Promise<void>;
  now?: () => number;
}

/** Jobs applied per chunk: a cancel lands within one chunk, and each commit renews the lease. */
export const APPLY_CHUNK = BULK_CHUNK_SIZE;

const refOf = (record: OperationRecord): QueueRef => ({ prefix: record.prefix, name: record.queue });

/**
 * The query as it stood when the operation was asked for: its age range is measured from that moment, and a
 * completed or failed job must have finished by then, so a job that fails again after its retry is not retried
 * twice by the same operation.
 */
function operationFilter(record: OperationRecord): JobFilter {
  const filter = compileFilter(record.query, record.snapshotAt);
  if (!isFinishedState(filter.state)) return filter;
  return { ...filter, maxTime: Math.min(filter.maxTime ?? record.snapshotAt, record.snapshotAt) };
}

/** Matching: one window of the state, its matching ids appended to the snapshot with the new scan position. */
async function matchStep(context: ExecutorContext, record: OperationRecord): Promise<void> {
  const window = await new JobScanner(context.redis, refOf(record), operationFilter(record)).window(record.scanned, 'oldest-first');
  await context.store.commitScan(record.id, context.lease, {
    from: record.scanned,
    length: window.length,
    scanTotal: window.total,
    finished: window.atEnd,
    matches: window.ids.map((id, index) => ({ id, score: record.scanned + (window.positions[index] as number) })),
  });
}

const countApplied = (results: boolean[]) => results.filter(Boolean).length;

/**
 * Applying: claim the chunk (each job still where the operation found it, with its stamp), apply the action with
 * BullMQ's per-job scripts, then commit the position and the counts in one step.
 */
async function applyStep(context: ExecutorContext, record: OperationRecord, now: number): Promise<void> {
  const { redis, store, lease } = context;
  const ref = refOf(record);
  const ids = await store.snapshotChunk(record.id, record.position, APPLY_CHUNK);
  if (ids.length === 0) {
    await store.end(record.id, lease, 'failed', now, 'The snapshot of matching jobs is gone (its keys were deleted).');
    return;
  }
  const stamps = await stampsOf(redis, ref, record.query.state, ids, record.snapshotAt);
  const claimed = ids.flatMap((id, index): [string, string][] => (stamps[index] ? [[id, stamps[index]]] : []));
  if (claimed.length) await store.claim(record.id, lease, { position: record.position, length: ids.length, stamps: claimed });
  const applied = await applyToJobs(redis, ref, record.action, record.query.state, claimed.map(([id]) => id));
  await store.commitChunk(record.id, lease, { position: record.position, length: ids.length, done: countApplied(applied) }, now);
}

/**
 * A runner stopped between claim and commit. A job whose stamp changed had the action applied before the stop
 * (it left the state: retried, deleted, promoted); a job with the same stamp had not, and gets it now. So each job
 * is acted on once, and the count stays exact.
 */
async function recoverStep(context: ExecutorContext, record: OperationRecord, inflight: { position: number; length: number }, now: number): Promise<void> {
  const { redis, store, lease } = context;
  const recorded = await store.inflightStamps(record.id);
  const ids = Object.keys(recorded);
  const current = await stampsOf(redis, refOf(record), record.query.state, ids, record.snapshotAt);
  const pending = ids.filter((id, index) => current[index] === recorded[id]);
  const applied = await applyToJobs(redis, refOf(record), record.action, record.query.state, pending);
  const done = ids.length - pending.length + countApplied(applied);
  await store.commitChunk(record.id, lease, { position: inflight.position, length: inflight.length, done }, now);
}

/** One unit of work on a running operation: a recovery, a match window, a chunk, or its end. */
async function step(context: ExecutorContext, record: OperationRecord): Promise<void> {
  const now = (context.now ?? Date.now)();
  if (record.inflight) return recoverStep(context, record, record.inflight, now);
  // Outside a chunk, so counts are exact: a cancel ends the operation here.
  if (record.cancelRequested) return context.store.end(record.id, context.lease, 'cancelled', now);
  if (record.phase === 'matching') return matchStep(context, record);
  if (record.position >= record.total) return context.store.end(record.id, context.lease, 'done', now);
  return applyStep(context, record, now);
}

/**
 * Moves one operation forward until it has ended (and its audit entry is written) or `deadline` has passed.
 * Answers whether work is left. Throws LeaseLost when another runner took the operation over.
 */
export async function advanceOperation(context: ExecutorContext, id: string, deadline: number): Promise<boolean> {
  for (;;) {
    const record = await context.store.read(id);
    if (!record || (record.state !== 'running' && !record.auditPending)) {
      await context.store.forget(id);
      return false;
    }
    if (record.state !== 'running') {
      await context.audit(record);
      await context.store.markAudited(id, context.lease);
      return false;
    }
    await step(context, record);
    if (performance.now() >= deadline) return true;
  }
}

/** Ends an operation that cannot go on (its queue's keys hold the wrong type, say) with the reason. */
export async function failOperation(context: ExecutorContext, id: string, reason: string): Promise<void> {
  await context.store.end(id, context.lease, 'failed', (context.now ?? Date.now)(), reason);
}
