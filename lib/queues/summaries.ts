import type { Redis } from 'ioredis';
import { BULL_SUFFIX, execPipeline, jobKey, queueKey, workerClientName } from '../redis';
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

/** Counts workers per queue from BullMQ's client names (`<prefix>:<base64 queue>[:w:<name>]`). */
export function countWorkers(clientList: string, refs: readonly QueueRef[]): Map<QueueRef, number> {
  const names = new Map<string, number>();
  for (const line of clientList.split('\n')) {
    const match = /(?:^| )name=(\S*)/.exec(line);
    if (!match?.[1]) continue;
    const base = match[1].split(':w:')[0] ?? match[1];
    names.set(base, (names.get(base) ?? 0) + 1);
  }
  return new Map(refs.map((ref) => [ref, names.get(workerClientName(ref.prefix, ref.name)) ?? 0]));
}

async function readClientList(redis: Redis): Promise<string> {
  try {
    return String(await redis.client('LIST'));
  } catch {
    // Managed Redis services often forbid CLIENT LIST; worker counts then stay 0.
    return '';
  }
}

/** Reads counts, paused flag, oldest wait, recent throughput and failure rate for many queues in two pipelines. */
export async function readQueueSummaries(redis: Redis, refs: readonly QueueRef[], now = Date.now()): Promise<QueueSummary[]> {
  if (refs.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const ref of refs) {
    for (const read of READS) pipeline[read.cmd](queueKey(ref.prefix, ref.name, read.suffix));
    pipeline.hexists(queueKey(ref.prefix, ref.name, BULL_SUFFIX.meta), 'paused');
    pipeline.lindex(queueKey(ref.prefix, ref.name, BULL_SUFFIX.wait), -1);
    pipeline.lindex(queueKey(ref.prefix, ref.name, BULL_SUFFIX.paused), -1);
    pipeline.zcount(queueKey(ref.prefix, ref.name, BULL_SUFFIX.completed), now - MINUTE_MS, '+inf');
    pipeline.zcount(queueKey(ref.prefix, ref.name, BULL_SUFFIX.failed), now - MINUTE_MS, '+inf');
    pipeline.zcount(queueKey(ref.prefix, ref.name, BULL_SUFFIX.completed), now - FAILURE_WINDOW_MS, '+inf');
    pipeline.zcount(queueKey(ref.prefix, ref.name, BULL_SUFFIX.failed), now - FAILURE_WINDOW_MS, '+inf');
  }
  const [results, clientList] = await Promise.all([execPipeline(pipeline), readClientList(redis)]);
  const workers = countWorkers(clientList, refs);
  const perQueue = READS.length + 7;

  const partial = refs.map((ref, index) => {
    const slice = results.slice(index * perQueue, (index + 1) * perQueue);
    const problems: string[] = [];
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

  const ageReads = redis.pipeline();
  for (const item of partial) {
    if (item.oldestId) ageReads.hmget(jobKey(item.ref.prefix, item.ref.name, item.oldestId), 'timestamp', 'delay');
  }
  const ageResults = await execPipeline(ageReads);
  let ageIndex = 0;

  return partial.map((item) => {
    let oldestWaitingAgeMs: number | null = null;
    if (item.oldestId) {
      const [error, value] = ageResults[ageIndex++] ?? [null, null];
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
