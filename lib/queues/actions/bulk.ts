import type { RedisClient } from '../../redis';
import { invalid } from '../../errors';
import { execPipeline, jobKey, queueKey } from '../../redis';
import { readFailureRecords } from '../failures';
import { STATE_SOURCES } from '../jobs';
import type { JobState, QueueRef } from '../types';
import { BULL_ERROR, bullErrorCode, isRaceError } from './bull-errors';
import { bullQueue, jobHandle } from './bull-queue';
import type { RetryableState } from './job-actions';

/** Jobs per Redis call: each script call stays short, so the API keeps answering while a bulk action runs. */
export const BULK_CHUNK_SIZE = 1000;

export interface BulkProgress {
  /** Jobs the action was applied to so far. */
  done: number;
  /** Selected jobs left alone because they moved, vanished or were locked in the meantime. */
  skipped: number;
  /** Jobs looked at so far (a group action reads jobs that turn out not to belong to the group). */
  scanned: number;
  /** How many jobs the action may cover, measured when it started. */
  total: number;
}

export type OnProgress = (progress: BulkProgress) => void;

export interface BulkResult {
  count: number;
  skipped: number;
  scanned: number;
}

/** Which jobs of a state a bulk action covers: all of them, one failure group, or listed ids. */
export interface BulkSelection {
  group?: string;
  ids?: readonly string[];
}

export const CLEANABLE_STATES = ['completed', 'failed', 'delayed', 'waiting', 'prioritized'] as const;
export type CleanableState = (typeof CLEANABLE_STATES)[number];

type ChunkAction = (ids: string[]) => Promise<number>;

/**
 * Jobs per wave of concurrent script calls inside a chunk. Sending a whole chunk at once would queue the API's
 * own commands (on the same connection) behind a thousand scripts; waves of 250 halve the API's p95 during a bulk
 * retry (bench/bulk-retry.bench.ts) at no cost in throughput.
 */
const WAVE_SIZE = 250;

async function settleInWaves<T, R>(items: readonly T[], call: (item: T, index: number) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = [];
  for (let start = 0; start < items.length; start += WAVE_SIZE) {
    const wave = items.slice(start, start + WAVE_SIZE);
    results.push(...(await Promise.allSettled(wave.map((item, offset) => call(item, start + offset)))));
  }
  return results;
}

class Tally {
  done = 0;
  skipped = 0;
  scanned = 0;
  constructor(
    readonly total: number,
    private readonly onProgress?: OnProgress,
  ) {}
  add(scanned: number, selected: number, done: number): void {
    this.scanned += scanned;
    this.done += done;
    this.skipped += selected - done;
    this.onProgress?.({ done: this.done, skipped: this.skipped, scanned: this.scanned, total: this.total });
  }
  result(): BulkResult {
    return { count: this.done, skipped: this.skipped, scanned: this.scanned };
  }
}

/** Throws the first rejection that is not a race with another actor (those count as not applied). */
function throwUnexpected(results: PromiseSettledResult<unknown>[], isExpected: (reason: unknown) => boolean): void {
  const unexpected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected' && !isExpected(result.reason));
  if (unexpected) throw unexpected.reason;
}

export const BULK_ACTIONS = ['retry', 'delete', 'promote'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** The states each action applies to (an active job is locked by its worker; only delayed jobs can be promoted). */
export const BULK_ACTION_STATES: Record<BulkAction, readonly JobState[]> = {
  retry: ['failed', 'completed'],
  delete: CLEANABLE_STATES,
  promote: ['delayed'],
};

export function checkActionState(action: BulkAction, state: JobState): void {
  const states = BULK_ACTION_STATES[action];
  if (!states.includes(state)) throw invalid(`state: ${action} applies to ${states.join(', ')} jobs, not ${state} ones.`, 'state');
}

async function rawOptsOf(redis: RedisClient, ref: QueueRef, ids: readonly string[]): Promise<(string | null)[]> {
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(jobKey(ref.prefix, ref.name, id), 'opts');
  const results = await execPipeline(pipeline);
  return ids.map((_, index) => {
    const [error, raw] = results[index] ?? [null, null];
    return error ? null : ((raw as string | null) ?? null);
  });
}

/**
 * Applies an action to each job with BullMQ's own per-job script, a wave at a time, and says for each whether it
 * was applied: false when the job moved, vanished or was locked meanwhile (another actor won the race). Any other
 * error (Redis unreachable) is thrown.
 */
export async function applyToJobs(redis: RedisClient, ref: QueueRef, action: BulkAction, state: JobState, ids: readonly string[]): Promise<boolean[]> {
  checkActionState(action, state);
  if (ids.length === 0) return [];
  const queue = bullQueue(redis, ref);
  if (action === 'delete') {
    const results = await settleInWaves(ids, (id) => queue.remove(id, { removeChildren: true }));
    const isSchedulerJob = (reason: unknown) => bullErrorCode(reason) === BULL_ERROR.jobBelongsToJobScheduler;
    throwUnexpected(results, isSchedulerJob);
    // remove() answers 0 for a locked (active) job: it stays.
    return results.map((result) => result.status === 'fulfilled' && result.value === 1);
  }
  // One reprocessJob (or promote) call per job: each is atomic, and a job someone else moved or deleted in the
  // meantime just answers "not in state" or "does not exist".
  const opts = action === 'retry' ? await rawOptsOf(redis, ref, ids) : [];
  const results = await settleInWaves(ids, (id, index) => {
    const job = jobHandle(queue, id, opts[index] ?? null);
    return action === 'retry' ? job.retry(state as RetryableState) : job.promote();
  });
  throwUnexpected(results, isRaceError);
  return results.map((result) => result.status === 'fulfilled');
}

const applied = (results: boolean[]) => results.filter(Boolean).length;

function retryChunk(redis: RedisClient, ref: QueueRef, state: RetryableState): ChunkAction {
  return async (ids) => applied(await applyToJobs(redis, ref, 'retry', state, ids));
}

function deleteChunk(redis: RedisClient, ref: QueueRef, state: JobState): ChunkAction {
  return async (ids) => applied(await applyToJobs(redis, ref, 'delete', state, ids));
}

/** Keeps only ids whose job hash still exists, so a listed id that is already gone is not counted as done. */
async function existingIds(redis: RedisClient, ref: QueueRef, ids: readonly string[]): Promise<string[]> {
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.exists(jobKey(ref.prefix, ref.name, id));
  const results = await execPipeline(pipeline);
  return ids.filter((_, index) => results[index]?.[1] === 1);
}

async function forListedIds(ids: readonly string[], act: ChunkAction, filter: (ids: string[]) => Promise<string[]>, onProgress?: OnProgress): Promise<BulkResult> {
  const tally = new Tally(ids.length, onProgress);
  for (let start = 0; start < ids.length; start += BULK_CHUNK_SIZE) {
    const chunk = ids.slice(start, start + BULK_CHUNK_SIZE);
    const kept = await filter(chunk);
    tally.add(chunk.length, chunk.length, await act(kept));
  }
  return tally.result();
}

/** Reads the chunk of ids that starts `offset` places into the part of a sorted set the action covers. */
type ChunkReader = (offset: number) => Promise<string[]>;

/**
 * Walks a sorted set a chunk at a time. Jobs the action removes from the set leave the range, so the next
 * chunk starts after the ones left behind (not selected, locked, or moved by someone else).
 */
async function walkSet(read: ChunkReader, total: number, select: (ids: string[]) => Promise<string[]>, act: ChunkAction, onProgress?: OnProgress): Promise<BulkResult> {
  const tally = new Tally(total, onProgress);
  let offset = 0;
  for (;;) {
    const ids = await read(offset);
    if (ids.length === 0) break;
    const selected = await select(ids);
    const done = await act(selected);
    tally.add(ids.length, selected.length, done);
    offset += ids.length - done;
    if (ids.length < BULK_CHUNK_SIZE) break;
  }
  return tally.result();
}

/**
 * A finished set is scored by finish time, so "finished before `until`" is a score range. Jobs that finish after
 * the action started are not part of it: a retried job that fails again at once is not retried twice.
 */
async function walkFinishedSet(redis: RedisClient, ref: QueueRef, state: 'failed' | 'completed', until: number, select: (ids: string[]) => Promise<string[]>, act: ChunkAction, onProgress?: OnProgress) {
  const key = queueKey(ref.prefix, ref.name, STATE_SOURCES[state].suffix);
  const read: ChunkReader = (offset) => redis.zrangebyscore(key, '-inf', until, 'LIMIT', offset, BULK_CHUNK_SIZE);
  return walkSet(read, await redis.zcount(key, '-inf', until), select, act, onProgress);
}

/** Delayed and prioritized sets are scored by due time and priority, so age is read from each job's creation time. */
async function walkByCreationTime(redis: RedisClient, ref: QueueRef, state: 'delayed' | 'prioritized', until: number, act: ChunkAction, onProgress?: OnProgress) {
  const key = queueKey(ref.prefix, ref.name, STATE_SOURCES[state].suffix);
  const read: ChunkReader = (offset) => redis.zrange(key, offset, offset + BULK_CHUNK_SIZE - 1);
  const createdBefore = async (ids: string[]) => {
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hget(jobKey(ref.prefix, ref.name, id), 'timestamp');
    const results = await execPipeline(pipeline);
    return ids.filter((_, index) => {
      const [error, raw] = results[index] ?? [null, null];
      // Like BullMQ's clean: a job without a readable creation time counts as old.
      return error !== null || raw === null || !(Number(raw) > until);
    });
  };
  return walkSet(read, await redis.zcard(key), createdBefore, act, onProgress);
}

function groupFilter(redis: RedisClient, ref: QueueRef, group: string | undefined): (ids: string[]) => Promise<string[]> {
  if (group === undefined) return async (ids) => ids;
  return async (ids) => (await readFailureRecords(redis, ref, ids)).filter((record) => record.fingerprint === group).map((record) => record.id);
}

function checkGroupState(state: JobState, selection: BulkSelection): void {
  if (selection.group !== undefined && state !== 'failed') throw invalid('group: failure groups exist only for failed jobs.', 'group');
}

/** Retries every failed (or completed) job, one failure group, or the listed ids, in chunks. */
export async function retryJobs(redis: RedisClient, ref: QueueRef, state: RetryableState, selection: BulkSelection = {}, onProgress?: OnProgress): Promise<BulkResult> {
  checkGroupState(state, selection);
  const act = retryChunk(redis, ref, state);
  if (selection.ids) return forListedIds(selection.ids, act, async (ids) => ids, onProgress);
  return walkFinishedSet(redis, ref, state, Date.now(), groupFilter(redis, ref, selection.group), act, onProgress);
}

/**
 * Deletes jobs of a state older than `graceMs` (by finish time for finished jobs, creation time otherwise),
 * or only one failure group, or the listed ids. Locked (active) jobs are never deleted.
 */
export async function cleanJobs(
  redis: RedisClient,
  ref: QueueRef,
  state: CleanableState,
  graceMs: number,
  selection: BulkSelection = {},
  onProgress?: OnProgress,
): Promise<BulkResult> {
  checkGroupState(state, selection);
  const act = deleteChunk(redis, ref, state);
  if (selection.ids) return forListedIds(selection.ids, act, (ids) => existingIds(redis, ref, ids), onProgress);
  if (selection.group !== undefined) {
    return walkFinishedSet(redis, ref, 'failed', Date.now() - graceMs, groupFilter(redis, ref, selection.group), act, onProgress);
  }
  if (state === 'delayed' || state === 'prioritized') return walkByCreationTime(redis, ref, state, Date.now() - graceMs, act, onProgress);
  // BullMQ's cleanJobsInSet script, a chunk per call (Queue.clean alone would take 10,000 per call). It reads
  // finished sets by finish time and `wait` from its oldest end, so each chunk holds only jobs older than the grace.
  const queue = bullQueue(redis, ref);
  const source = STATE_SOURCES[state];
  const key = queueKey(ref.prefix, ref.name, source.suffix);
  const tally = new Tally(source.kind === 'list' ? await redis.llen(key) : await redis.zcount(key, '-inf', Date.now() - graceMs), onProgress);
  for (;;) {
    const removed = await queue.clean(graceMs, BULK_CHUNK_SIZE, state === 'waiting' ? 'wait' : state);
    tally.add(removed.length, removed.length, removed.length);
    if (removed.length < BULK_CHUNK_SIZE) break;
  }
  return tally.result();
}
