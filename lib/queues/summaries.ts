import { BULL_SUFFIX, clientLists, execPerItem, isCluster, jobKey, queueHashTag, queueKey, workerClientName, type RedisClient } from '../redis';
import { isStale, readWorkerHeartbeats, RUNTIME_WORKER_NAME_PREFIX } from '../workers';
import type { QueueRef, QueueSummary } from './types';

const MINUTE_MS = 60_000;
const FAILURE_WINDOW_MS = 5 * MINUTE_MS;

/** The per-queue reads, in the order their answers are read back. */
const READS = [
  { field: 'wait', cmd: 'llen', suffix: BULL_SUFFIX.wait },
  { field: 'paused', cmd: 'llen', suffix: BULL_SUFFIX.paused },
  { field: 'active', cmd: 'llen', suffix: BULL_SUFFIX.active },
  { field: 'delayed', cmd: 'zcard', suffix: BULL_SUFFIX.delayed },
  { field: 'prioritized', cmd: 'zcard', suffix: BULL_SUFFIX.prioritized },
  { field: 'waitingChildren', cmd: 'zcard', suffix: BULL_SUFFIX.waitingChildren },
  { field: 'completed', cmd: 'zcard', suffix: BULL_SUFFIX.completed },
  { field: 'failed', cmd: 'zcard', suffix: BULL_SUFFIX.failed },
] as const;

type ReadField = (typeof READS)[number]['field'];

function asNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value) || 0;
}

/**
 * Counts workers per queue from BullMQ's client names (`<prefix>:<base64 queue>[:w:<name>]`), given the CLIENT LIST
 * of every master. A cluster worker names its connection to each node it talks to, so a queue counts the workers
 * of the node where it has most of them (as BullMQ's own getWorkers does), not the sum over nodes. A connection of
 * Lookout's runtime (`…:w:lookout-<worker id>`) counts only while that worker's heartbeat is fresh (`liveRuntimeIds`):
 * a `lookout work` process that hangs keeps its connections open but stops beating.
 */
export function countWorkers(lists: readonly string[], refs: readonly QueueRef[], liveRuntimeIds: ReadonlySet<string> | null = null): Map<QueueRef, number> {
  const perNode = lists.map((clientList) => {
    const names = new Map<string, number>();
    for (const line of clientList.split('\n')) {
      const match = /(?:^| )name=(\S*)/.exec(line);
      if (!match?.[1]) continue;
      const [base = match[1], workerName] = match[1].split(':w:');
      if (liveRuntimeIds && workerName?.startsWith(RUNTIME_WORKER_NAME_PREFIX) && !liveRuntimeIds.has(workerName.slice(RUNTIME_WORKER_NAME_PREFIX.length))) continue;
      names.set(base, (names.get(base) ?? 0) + 1);
    }
    return names;
  });
  return new Map(refs.map((ref) => [ref, Math.max(0, ...perNode.map((names) => names.get(workerClientName(ref.prefix, ref.name)) ?? 0))]));
}

/** Ids of the runtime workers of these prefixes whose heartbeat is fresh. */
async function readLiveRuntimeIds(redis: RedisClient, prefixes: readonly string[], now: number): Promise<Set<string>> {
  const heartbeats = await readWorkerHeartbeats(redis, prefixes);
  return new Set(heartbeats.filter((beat) => !isStale(beat.lastHeartbeatAt, beat.heartbeatIntervalMs, now)).map((beat) => beat.id));
}

/** The hash slot group of a queue's keys, for execPerItem; '' for a queue without a hash tag (read on one Redis only). */
const slotOf = (ref: QueueRef) => queueHashTag(ref.prefix, ref.name) ?? '';

export const SPREAD_OVER_SLOTS =
  'its keys spread over several cluster slots (no {hash tag} in the prefix or queue name), so BullMQ cannot run on it here; use a prefix such as {bull}';

/**
 * Reads counts, paused flag, oldest wait, recent throughput and failure rate for many queues in two rounds of
 * pipelines (one pipeline per round on one Redis, one per hash slot on a cluster).
 */
export async function readQueueSummaries(redis: RedisClient, refs: readonly QueueRef[], now = Date.now()): Promise<QueueSummary[]> {
  if (refs.length === 0) return [];
  const unreadable = (ref: QueueRef) => isCluster(redis) && queueHashTag(ref.prefix, ref.name) === null;
  const [results, lists, liveRuntimeIds] = await Promise.all([
    execPerItem(redis, refs, slotOf, (pipeline, ref) => {
      if (unreadable(ref)) return;
      for (const read of READS) pipeline[read.cmd](queueKey(ref.prefix, ref.name, read.suffix));
      pipeline.hexists(queueKey(ref.prefix, ref.name, BULL_SUFFIX.meta), 'paused');
      pipeline.lindex(queueKey(ref.prefix, ref.name, BULL_SUFFIX.wait), -1);
      pipeline.lindex(queueKey(ref.prefix, ref.name, BULL_SUFFIX.paused), -1);
      pipeline.zcount(queueKey(ref.prefix, ref.name, BULL_SUFFIX.completed), now - MINUTE_MS, '+inf');
      pipeline.zcount(queueKey(ref.prefix, ref.name, BULL_SUFFIX.failed), now - MINUTE_MS, '+inf');
      pipeline.zcount(queueKey(ref.prefix, ref.name, BULL_SUFFIX.completed), now - FAILURE_WINDOW_MS, '+inf');
      pipeline.zcount(queueKey(ref.prefix, ref.name, BULL_SUFFIX.failed), now - FAILURE_WINDOW_MS, '+inf');
    }),
    clientLists(redis),
    readLiveRuntimeIds(redis, [...new Set(refs.map((ref) => ref.prefix))], now),
  ]);
  const workers = countWorkers(lists, refs, liveRuntimeIds);

  const partial = refs.map((ref, index) => {
    const slice = results[index] ?? [];
    const problems: string[] = unreadable(ref) ? [SPREAD_OVER_SLOTS] : [];
    const counts = {} as Record<ReadField, number>;
    READS.forEach((read, i) => {
      const [error, value] = slice[i] ?? [null, 0];
      if (error) problems.push(`${read.suffix}: ${error.message}`);
      counts[read.field] = error ? 0 : asNumber(value);
    });
    const at = (offset: number): unknown => {
      const [error, value] = slice[READS.length + offset] ?? [null, null];
      return error ? null : value;
    };
    const oldestId = (at(1) ?? at(2)) as string | null;
    return {
      ref,
      counts,
      problems,
      paused: asNumber(at(0)) === 1 || counts.paused > 0,
      oldestId,
      completedLastMinute: asNumber(at(3)),
      failedLastMinute: asNumber(at(4)),
      completedWindow: asNumber(at(5)),
      failedWindow: asNumber(at(6)),
    };
  });

  const ageResults = await execPerItem(redis, partial, (item) => slotOf(item.ref), (pipeline, item) => {
    if (item.oldestId) pipeline.hmget(jobKey(item.ref.prefix, item.ref.name, item.oldestId), 'timestamp', 'delay');
  });

  return partial.map((item, index) => {
    let oldestWaitingAgeMs: number | null = null;
    if (item.oldestId) {
      const [error, value] = ageResults[index]?.[0] ?? [null, null];
      const [timestamp, delay] = !error && Array.isArray(value) ? value : [];
      const enqueuedAt = Number(timestamp) + (Number(delay) || 0);
      if (Number.isFinite(enqueuedAt) && Number(timestamp) > 0) oldestWaitingAgeMs = Math.max(0, now - enqueuedAt);
    }
    const finishedWindow = item.completedWindow + item.failedWindow;
    return {
      prefix: item.ref.prefix,
      name: item.ref.name,
      paused: item.paused,
      counts: {
        // A paused queue keeps its jobs in `wait` since BullMQ 5; older versions used a `paused` list.
        waiting: item.counts.wait + item.counts.paused,
        active: item.counts.active,
        delayed: item.counts.delayed,
        prioritized: item.counts.prioritized,
        waitingChildren: item.counts.waitingChildren,
        completed: item.counts.completed,
        failed: item.counts.failed,
      },
      oldestWaitingAgeMs,
      throughputPerMinute: item.completedLastMinute + item.failedLastMinute,
      failureRate: finishedWindow > 0 ? item.failedWindow / finishedWindow : null,
      failureRateJobs: finishedWindow,
      workers: workers.get(item.ref) ?? 0,
      problems: item.problems,
    };
  });
}
