import type { RedisClient } from '../redis';
import { BULL_SUFFIX, execPipeline, jobKey, jobLogsKey, queueKey, type BullSuffix } from '../redis';
import { readFlowChildren } from './flows';
import { toJobDetail, toJobSummary, type JobHash } from './job-parser';
import type { JobDetail, JobPage, JobState, JobSummary, QueueRef } from './types';

interface StateSource {
  suffix: BullSuffix;
  kind: 'list' | 'zset';
  /** Which end is shown first: the next job to run, or the newest finished job. */
  order: 'oldest-first' | 'newest-first';
}

export const STATE_SOURCES: Record<JobState, StateSource> = {
  waiting: { suffix: BULL_SUFFIX.wait, kind: 'list', order: 'oldest-first' },
  active: { suffix: BULL_SUFFIX.active, kind: 'list', order: 'newest-first' },
  delayed: { suffix: BULL_SUFFIX.delayed, kind: 'zset', order: 'oldest-first' },
  prioritized: { suffix: BULL_SUFFIX.prioritized, kind: 'zset', order: 'oldest-first' },
  'waiting-children': { suffix: BULL_SUFFIX.waitingChildren, kind: 'zset', order: 'oldest-first' },
  completed: { suffix: BULL_SUFFIX.completed, kind: 'zset', order: 'newest-first' },
  failed: { suffix: BULL_SUFFIX.failed, kind: 'zset', order: 'newest-first' },
};

export const MAX_LOG_LINES = 1000;

const NO_CHILDREN = { pending: 0, completed: 0, failed: 0, total: 0 };

/**
 * One page of ids for a state. Lists are LPUSHed (newest at index 0) and zsets are ranked, so a page
 * is one LRANGE/ZRANGE by position: its cost depends on the page, not on the queue's size.
 */
async function readIdPage(redis: RedisClient, ref: QueueRef, state: JobState, offset: number, limit: number) {
  const source = STATE_SOURCES[state];
  const key = queueKey(ref.prefix, ref.name, source.suffix);
  const start = offset;
  const stop = offset + limit - 1;
  const pipeline = redis.pipeline();
  if (source.kind === 'list') {
    if (source.order === 'oldest-first') pipeline.lrange(key, -stop - 1, -start - 1);
    else pipeline.lrange(key, start, stop);
    pipeline.llen(key);
  } else {
    if (source.order === 'oldest-first') pipeline.zrange(key, start, stop);
    else pipeline.zrevrange(key, start, stop);
    pipeline.zcard(key);
  }
  const [[rangeError, range], [totalError, total]] = (await execPipeline(pipeline)) as [[Error | null, string[]], [Error | null, number]];
  // execPipeline only lets data errors through: a state key of the wrong type shows as an empty, explained page.
  const problem = rangeError ?? totalError;
  if (problem) return { ids: [], total: 0, problem: `${source.suffix}: ${problem.message}` };
  const ids = source.kind === 'list' && source.order === 'oldest-first' ? [...range].reverse() : range;
  return { ids, total, problem: null };
}

/** The list rows of the given jobs of a state, in one pipeline. */
export async function readJobSummaries(redis: RedisClient, ref: QueueRef, state: JobState, ids: readonly string[]): Promise<JobSummary[]> {
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hgetall(jobKey(ref.prefix, ref.name, id));
  const hashes = await execPipeline(pipeline);
  return ids.map((id, index) => {
    const [error, hash] = hashes[index] ?? [null, {}];
    return toJobSummary(id, state, error ? {} : (hash as JobHash));
  });
}

export async function listJobs(
  redis: RedisClient,
  ref: QueueRef,
  state: JobState,
  page: { offset: number; limit: number },
): Promise<JobPage> {
  const { ids, total, problem } = await readIdPage(redis, ref, state, page.offset, page.limit);
  const jobs = await readJobSummaries(redis, ref, state, ids);
  const nextOffset = page.offset + ids.length;
  return {
    jobs,
    total,
    nextCursor: ids.length === page.limit && nextOffset < total ? String(nextOffset) : null,
    ...(problem ? { problem } : {}),
  };
}

/** Finds which state a job is in by asking each state key, in one round trip. */
export async function findJobState(redis: RedisClient, ref: QueueRef, id: string): Promise<JobState | null> {
  const pipeline = redis.pipeline();
  const states = Object.keys(STATE_SOURCES) as JobState[];
  for (const state of states) {
    const source = STATE_SOURCES[state];
    const key = queueKey(ref.prefix, ref.name, source.suffix);
    if (source.kind === 'zset') pipeline.zscore(key, id);
    else pipeline.lpos(key, id);
  }
  pipeline.lpos(queueKey(ref.prefix, ref.name, BULL_SUFFIX.paused), id);
  const results = await execPipeline(pipeline);
  for (const [index, state] of states.entries()) {
    const [error, value] = results[index] ?? [null, null];
    if (!error && value !== null) return state;
  }
  const [pausedError, pausedPosition] = results[states.length] ?? [null, null];
  return !pausedError && pausedPosition !== null ? 'waiting' : null;
}

/** The full job with its flow parent and children, or null when neither its hash nor any state holds it. */
export async function readJob(redis: RedisClient, ref: QueueRef, id: string, knownPrefixes: readonly string[] = [ref.prefix]): Promise<JobDetail | null> {
  const key = jobKey(ref.prefix, ref.name, id);
  const logsKey = jobLogsKey(ref.prefix, ref.name, id);
  const [hashResult, logsResult, logCountResult] = await execPipeline(
    redis.pipeline().hgetall(key).lrange(logsKey, -MAX_LOG_LINES, -1).llen(logsKey),
  );
  const hashError = hashResult?.[0] ?? null;
  const hash = (hashError ? {} : hashResult?.[1]) as JobHash;
  const [state, flow] = await Promise.all([findJobState(redis, ref, id), readFlowChildren(redis, { prefix: ref.prefix, queue: ref.name, id }, knownPrefixes)]);
  if (Object.keys(hash).length === 0 && state === null && !hashError) return null;
  const lines = logsResult?.[0] ? [] : ((logsResult?.[1] as string[]) ?? []);
  const count = logCountResult?.[0] ? 0 : Number(logCountResult?.[1] ?? 0);
  const detail = { ...toJobDetail({ prefix: ref.prefix, queue: ref.name }, id, state ?? 'unknown', hash, { lines, count }, knownPrefixes), children: flow.children, childCounts: flow.counts ?? NO_CHILDREN };
  return hashError ? { ...detail, malformed: `the job key is not a hash (${hashError.message})` } : detail;
}
