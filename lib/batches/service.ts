import { recordAudit, type AuditRecord } from '../audit';
import type { Actor } from '../auth';
import { conflict, isAppError, notFound } from '../errors';
import { readChildCounts, readFlowChildren, retryJob, type ChildCounts, type FlowChild, type JobLocation } from '../queues';
import type { RedisClient } from '../redis';
import { execPerItem, getConnection, hashedPart, JOB_CHILDREN_SUFFIX, jobChildrenKey, parseJobKey } from '../redis';
import { batchJobId } from './ids';
import { batchIndexKey, batchKey } from './keys';
import { batchProgress, batchState } from './progress';
import { BatchStore, parseBatchRecord, type BatchRecord } from './store';
import type { BatchDetail, BatchJob, BatchView } from './types';

/** How many batches the list shows: the newest ones across every prefix. */
export const MAX_LISTED_BATCHES = 100;

/** Failed members retried at once by retryBatchFailures. */
const RETRY_CONCURRENCY = 20;

function batchJobOf(record: BatchRecord): JobLocation {
  return { prefix: record.prefix, queue: record.queue, id: batchJobId(record.id) };
}

export function toBatchView(record: BatchRecord, counts: ChildCounts | null): BatchView {
  const progress = batchProgress(record, counts);
  const finished = record.finishedAt !== null;
  const cancelled = record.cancelledAt !== null;
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    queue: record.queue,
    total: record.total,
    ...progress,
    state: batchState({ cancelled, finished, pending: progress.pending, failed: progress.failed }),
    finished,
    cancelled,
    allowFailures: record.allowFailures,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
    cancelledAt: record.cancelledAt,
    batchJob: batchJobOf(record),
  };
}

/** The job page of a member, as the dashboard routes it. */
export function jobHref(job: JobLocation, defaultPrefix: string | undefined): string {
  const path = `/queues/${encodeURIComponent(job.queue)}/jobs/${encodeURIComponent(job.id)}`;
  return job.prefix === defaultPrefix ? path : `${path}?prefix=${encodeURIComponent(job.prefix)}`;
}

/** The newest batches of the given prefixes, with their progress: three round trips whatever their number. */
export async function readBatches(redis: RedisClient, prefixes: readonly string[], limit = MAX_LISTED_BATCHES): Promise<BatchView[]> {
  const indexes = await execPerItem(redis, prefixes, (prefix) => hashedPart(batchIndexKey(prefix)), (pipeline, prefix) =>
    pipeline.zrevrange(batchIndexKey(prefix), 0, limit - 1, 'WITHSCORES'),
  );
  const entries = prefixes.flatMap((prefix, index) => {
    const [error, reply] = indexes[index]?.[0] ?? [null, []];
    const flat = error ? [] : (reply as string[]);
    const listed: { prefix: string; id: string; createdAt: number }[] = [];
    for (let at = 0; at < flat.length; at += 2) listed.push({ prefix, id: flat[at] ?? '', createdAt: Number(flat[at + 1]) });
    return listed;
  });
  const newest = entries.sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
  const hashes = await execPerItem(redis, newest, ({ prefix, id }) => hashedPart(batchKey(prefix, id)), (pipeline, { prefix, id }) =>
    pipeline.hgetall(batchKey(prefix, id)),
  );
  // An index entry whose record expired is left out; the index forgets it once it is older than the retention.
  const records = hashes.flatMap(([result]) => {
    const record = result && !result[0] ? parseBatchRecord(result[1] as Record<string, string>) : null;
    return record ? [record] : [];
  });
  const counts = await readChildCounts(redis, records.map(batchJobOf));
  return records.map((record, index) => toBatchView(record, counts[index] ?? null));
}

async function findBatchRecord(redis: RedisClient, prefixes: readonly string[], id: string, prefix?: string): Promise<BatchRecord> {
  const candidates = prefix ? prefixes.filter((candidate) => candidate === prefix) : prefixes;
  for (const candidate of candidates) {
    const record = await new BatchStore(redis, candidate).read(id);
    if (record) return record;
  }
  throw notFound(`Batch "${id}" was not found; it may have expired (batches are kept for 7 days after their last change).`);
}

function toBatchJob(child: FlowChild, defaultPrefix: string | undefined): BatchJob {
  return { ...child, href: jobHref(child, defaultPrefix) };
}

export async function readBatch(redis: RedisClient, prefixes: readonly string[], id: string, prefix?: string): Promise<BatchDetail> {
  const record = await findBatchRecord(redis, prefixes, id, prefix);
  const flow = await readFlowChildren(redis, batchJobOf(record), prefixes);
  return { ...toBatchView(record, flow.counts), jobs: flow.children.map((child) => toBatchJob(child, prefixes[0])) };
}

/** Every failed member's job key: the batch job's ignored failures (and failParentOnFailure ones, for other producers). */
async function failedMemberKeys(redis: RedisClient, batchJob: JobLocation): Promise<string[]> {
  const ignored = jobChildrenKey(batchJob.prefix, batchJob.queue, batchJob.id, JOB_CHILDREN_SUFFIX.ignored);
  const unsuccessful = jobChildrenKey(batchJob.prefix, batchJob.queue, batchJob.id, JOB_CHILDREN_SUFFIX.unsuccessful);
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, pairs] = await redis.hscan(ignored, cursor, 'COUNT', 500);
    cursor = next;
    for (let index = 0; index < pairs.length; index += 2) keys.push(pairs[index] ?? '');
  } while (cursor !== '0');
  keys.push(...(await redis.zrange(unsuccessful, 0, -1)));
  return keys;
}

/**
 * Retries a batch's failed members with BullMQ's reprocess script, which also puts each back among the batch job's
 * pending children, so the batch counts them as pending again. A member that is no longer failed is left alone.
 * Refused for a cancelled batch: the worker skips members of a cancelled batch, so a retried one would not run.
 */
export async function retryBatchFailures(redis: RedisClient, prefixes: readonly string[], id: string, prefix?: string): Promise<{ count: number; jobIds: string[]; record: BatchRecord }> {
  const record = await findBatchRecord(redis, prefixes, id, prefix);
  if (record.cancelledAt !== null) {
    throw conflict(`Batch "${id}" was cancelled, so the worker skips its members: retried jobs would not run. Retry them from their queues instead.`);
  }
  const members = (await failedMemberKeys(redis, batchJobOf(record))).flatMap((key) => {
    const job = parseJobKey(key, prefixes);
    return job ? [job] : [];
  });
  const retried: string[] = [];
  for (let start = 0; start < members.length; start += RETRY_CONCURRENCY) {
    const chunk = members.slice(start, start + RETRY_CONCURRENCY);
    const outcomes = await Promise.all(
      chunk.map(async (job) => {
        try {
          await retryJob(redis, { prefix: job.prefix, name: job.queue }, job.id);
          return job.id;
        } catch (error) {
          // Gone or no longer failed (retried by someone else a moment ago): nothing to do for this one.
          if (isAppError(error) && (error.code === 'NotFound' || error.code === 'Conflict')) return null;
          throw error;
        }
      }),
    );
    retried.push(...outcomes.filter((outcome): outcome is string => outcome !== null));
  }
  return { count: retried.length, jobIds: retried, record };
}

/** Marks a batch cancelled: the worker skips its members that have not started; 409 once it finished or was cancelled. */
export async function cancelBatch(redis: RedisClient, prefixes: readonly string[], id: string, prefix?: string): Promise<BatchRecord> {
  const record = await findBatchRecord(redis, prefixes, id, prefix);
  const result = await new BatchStore(redis, record.prefix).cancel(id);
  if (result === 'gone') throw notFound(`Batch "${id}" was not found; it may have expired.`);
  if (result === 'finished') throw conflict(`Batch "${id}" has finished: there is nothing left to cancel.`);
  if (result === 'already-cancelled') throw conflict(`Batch "${id}" is cancelled already.`);
  return record;
}

/** What the API routes call: on the request's connection. */
export async function getBatches(): Promise<{ batches: BatchView[] }> {
  const { redis, prefixes } = await getConnection();
  return { batches: await readBatches(redis, prefixes) };
}

export async function getBatch(id: string, prefix?: string): Promise<BatchDetail> {
  const { redis, prefixes } = await getConnection();
  return readBatch(redis, prefixes, id, prefix);
}

type BatchAuditAction = 'batch.retry' | 'batch.cancel';

function auditOf(record: BatchRecord, actor: Actor, action: BatchAuditAction, started: number): Omit<AuditRecord, 'result' | 'message' | 'count' | 'jobIds'> {
  return {
    actor: { name: actor.name, role: actor.role, via: actor.via },
    action,
    queue: record.queue,
    prefix: record.prefix,
    params: { batchId: record.id },
    durationMs: performance.now() - started,
  };
}

interface AuditedOutcome<T> {
  record: BatchRecord;
  count: number;
  jobIds: string[];
  answer: T;
}

/** Runs an operator action on a batch and records it in the audit log, refusals (409) included. */
async function audited<T>(action: BatchAuditAction, id: string, actor: Actor, run: (redis: RedisClient, prefixes: readonly string[]) => Promise<AuditedOutcome<T>>): Promise<T> {
  const { redis, prefixes } = await getConnection();
  const started = performance.now();
  const write = (record: AuditRecord) =>
    recordAudit(redis, record).catch((error: unknown) => {
      // The action itself has happened; failing the request now would invite a second attempt.
      console.error(`[lookout] could not write the audit log entry for ${action} of batch ${id}:`, error);
    });
  try {
    const outcome = await run(redis, prefixes);
    await write({ ...auditOf(outcome.record, actor, action, started), jobIds: outcome.jobIds, count: outcome.count, result: 'ok', message: null });
    return outcome.answer;
  } catch (error) {
    if (isAppError(error) && error.code === 'Conflict') {
      const record = await findBatchRecord(redis, prefixes, id).catch(() => null);
      if (record) await write({ ...auditOf(record, actor, action, started), jobIds: [], count: 0, result: 'error', message: error.message });
    }
    throw error;
  }
}

export function retryBatchFailuresAction(id: string, actor: Actor, prefix?: string): Promise<{ count: number }> {
  return audited('batch.retry', id, actor, async (redis, prefixes) => {
    const { count, jobIds, record } = await retryBatchFailures(redis, prefixes, id, prefix);
    return { record, count, jobIds, answer: { count } };
  });
}

export function cancelBatchAction(id: string, actor: Actor, prefix?: string): Promise<{ ok: true }> {
  return audited('batch.cancel', id, actor, async (redis, prefixes) => {
    const record = await cancelBatch(redis, prefixes, id, prefix);
    return { record, count: 0, jobIds: [], answer: { ok: true as const } };
  });
}
