import type { QueueRef } from '../queues';
import { BULL_SUFFIX, bullMetricsKey, execPerItem, hashedPart, isCluster, jobKey, queueHashTag, queueKey, type RedisClient } from '../redis';
import type { MetricsBatch } from './batch';
import type { JobNameLimiter } from './job-name-limit';
import { fallbackCursorKey, runtimeMarkerKey } from './keys';
import { MINUTE_MS } from './tiers';

/**
 * Metrics for queues that Lookout's runtime does not run (plain BullMQ workers, any language): each monitor
 * tick reads the jobs that finished since the last tick from BullMQ's `completed` and `failed` sets (scored by
 * finish time) and their hashes (timestamp, delay, processedOn, finishedOn), and records them like the runtime
 * would. When workers keep BullMQ's own metrics (`metrics: { maxDataPoints }`), its running counter also counts
 * jobs removed on completion, which the sets no longer hold.
 */
export interface FallbackOptions {
  namespace: string;
  now: number;
  names: JobNameLimiter;
  /** Finish times this recent are left for the next tick: a job may be between its ZADD and our read. */
  lagMs?: number;
  /** How far back the first tick for a queue looks. */
  backfillMs?: number;
  /** How far back a tick looks at most after the monitor was away. */
  maxCatchUpMs?: number;
  /** Job hashes read per queue, state and tick; jobs past it are counted but not timed. */
  maxSamples?: number;
}

const STATES = ['completed', 'failed'] as const;
type FinishedState = (typeof STATES)[number];

interface StateCursor {
  /** BullMQ's running counter at the last tick, null when it keeps none. */
  count: number | null;
  /** Jobs the counter has seen but the sets have not accounted for yet (negative: the other way round). */
  balance: number;
}

interface Cursor {
  since: number | null;
  states: Record<FinishedState, StateCursor>;
}

function parseCursor(hash: Record<string, string> | null): Cursor {
  const number = (value: string | undefined) => (value === undefined || value === '' || !Number.isFinite(Number(value)) ? null : Number(value));
  const state = (name: FinishedState): StateCursor => ({ count: number(hash?.[`${name}Count`]), balance: number(hash?.[`${name}Balance`]) ?? 0 });
  return { since: number(hash?.since), states: { completed: state('completed'), failed: state('failed') } };
}

function encodeCursor(since: number, states: Record<FinishedState, StateCursor>): Record<string, string> {
  const fields: Record<string, string> = { since: String(since) };
  for (const name of STATES) {
    fields[`${name}Count`] = states[name].count === null ? '' : String(states[name].count);
    fields[`${name}Balance`] = String(states[name].balance);
  }
  return fields;
}

export interface MinutePiece {
  minute: number;
  /** Exclusive lower and inclusive upper bound of finish times (integer ms, as BullMQ writes them). */
  after: number;
  through: number;
}

/** Splits (after, through] at minute boundaries, so each piece's count lands in its own minute bucket. */
export function minutePieces(after: number, through: number): MinutePiece[] {
  const pieces: MinutePiece[] = [];
  let low = after;
  while (low < through) {
    const minute = Math.floor((low + 1) / MINUTE_MS) * MINUTE_MS;
    const high = Math.min(through, minute + MINUTE_MS - 1);
    pieces.push({ minute, after: low, through: high });
    low = high;
  }
  return pieces;
}

const JOB_FIELDS = ['name', 'timestamp', 'delay', 'processedOn', 'finishedOn', 'atm', 'attemptsMade'] as const;

function toNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

interface QueueRead {
  ref: QueueRef;
  cursor: Cursor;
  counters: Record<FinishedState, number | null>;
  after: number;
  through: number;
  pieces: MinutePiece[];
}

/** The slot group of a queue's BullMQ keys (its hash tag); only consulted on a cluster. */
const bullSlot = (ref: QueueRef) => queueHashTag(ref.prefix, ref.name) ?? '';

/**
 * Reads what plain BullMQ queues finished since the last tick into `batch`, along with the new read positions. Reads go
 * in one pipeline per step (on a cluster, one per hash tag: the queue's BullMQ keys, and its metrics keys).
 */
export async function collectPlainBullmq(redis: RedisClient, allRefs: readonly QueueRef[], batch: MetricsBatch, options: FallbackOptions): Promise<void> {
  // On a cluster, BullMQ cannot run a queue whose keys spread over slots, so there is nothing finished to read.
  const refs = isCluster(redis) ? allRefs.filter((ref) => queueHashTag(ref.prefix, ref.name) !== null) : allRefs;
  if (refs.length === 0) return;
  const { namespace, now } = options;
  const through = now - (options.lagMs ?? 1000);
  const maxSamples = options.maxSamples ?? 1000;

  const cursorKey = (ref: QueueRef) => fallbackCursorKey(namespace, ref.prefix, ref.name);
  const [ours, theirs] = await Promise.all([
    execPerItem(redis, refs, (ref) => hashedPart(cursorKey(ref)), (pipeline, ref) => {
      pipeline.hgetall(cursorKey(ref));
      pipeline.exists(runtimeMarkerKey(namespace, ref.prefix, ref.name));
    }),
    execPerItem(redis, refs, bullSlot, (pipeline, ref) => {
      for (const state of STATES) pipeline.hget(bullMetricsKey(ref.prefix, ref.name, state), 'count');
    }),
  ]);
  const value = (results: typeof ours, index: number, position: number): unknown => {
    const [error, result] = results[index]?.[position] ?? [null, null];
    return error ? null : result;
  };

  const reads: QueueRead[] = [];
  refs.forEach((ref, index) => {
    const hash = value(ours, index, 0) as Record<string, string> | null;
    const cursor = parseCursor(hash && Object.keys(hash).length ? hash : null);
    const counters = { completed: toNumber(value(theirs, index, 0) as string | null), failed: toNumber(value(theirs, index, 1) as string | null) };
    if (value(ours, index, 1) === 1) {
      // The runtime records this queue itself: only move the read position along, so nothing is counted twice later.
      const states = { completed: { count: counters.completed, balance: 0 }, failed: { count: counters.failed, balance: 0 } };
      batch.setHash(cursorKey(ref), encodeCursor(through, states));
      return;
    }
    const earliest = through - (cursor.since === null ? (options.backfillMs ?? 15 * MINUTE_MS) : (options.maxCatchUpMs ?? 60 * MINUTE_MS));
    const after = Math.max(cursor.since ?? earliest, earliest);
    if (after >= through) return;
    reads.push({ ref, cursor, counters, after, through, pieces: minutePieces(after, through) });
  });
  if (reads.length === 0) return;

  const ranges = await execPerItem(redis, reads, (read) => bullSlot(read.ref), (pipeline, read) => {
    for (const state of STATES) {
      const key = queueKey(read.ref.prefix, read.ref.name, state === 'completed' ? BULL_SUFFIX.completed : BULL_SUFFIX.failed);
      for (const piece of read.pieces) pipeline.zcount(key, `(${piece.after}`, piece.through);
      pipeline.zrangebyscore(key, `(${read.after}`, read.through, 'WITHSCORES', 'LIMIT', 0, maxSamples);
    }
  });

  const sampled: Array<{ read: QueueRead; state: FinishedState; id: string; finishedAt: number }> = [];
  const zcounts = new Map<QueueRead, Record<FinishedState, number[]>>();
  reads.forEach((read, index) => {
    let position = 0;
    const next = (): unknown => {
      const [error, result] = ranges[index]?.[position++] ?? [null, null];
      return error ? null : result;
    };
    const counts = { completed: [] as number[], failed: [] as number[] };
    for (const state of STATES) {
      for (let piece = 0; piece < read.pieces.length; piece++) counts[state].push(Number(next()) || 0);
      const members = (next() as string[] | null) ?? [];
      for (let i = 0; i + 1 < members.length; i += 2) sampled.push({ read, state, id: members[i] as string, finishedAt: Number(members[i + 1]) });
    }
    zcounts.set(read, counts);
  });
  const hashes = sampled.length
    ? await execPerItem(redis, sampled, (job) => bullSlot(job.read.ref), (pipeline, job) => {
        pipeline.hmget(jobKey(job.read.ref.prefix, job.read.ref.name, job.id), ...JOB_FIELDS);
      })
    : [];

  const sampledPerMinute = new Map<QueueRead, Record<FinishedState, Map<number, number>>>();
  sampled.forEach((job, index) => {
    const [error, fields] = hashes[index]?.[0] ?? [null, null];
    if (error || !Array.isArray(fields)) return;
    const [name, timestamp, delay, processedOn, finishedOn, atm, attemptsMade] = (fields as Array<string | null>).map((field) => field ?? null);
    if (name === null && timestamp === null) return; // removed since: counted, but not timed
    const started = toNumber(processedOn);
    const finished = toNumber(finishedOn) ?? job.finishedAt;
    const enqueued = toNumber(timestamp);
    const attempts = toNumber(atm) ?? toNumber(attemptsMade) ?? 1;
    const { prefix, name: queue } = job.read.ref;
    batch.addJob({
      prefix,
      queue,
      jobName: options.names.nameFor(prefix, queue, name ?? ''),
      outcome: job.state,
      finishedAt: job.finishedAt,
      // A retried job's processedOn is its last attempt's start: its wait cannot be told apart from earlier attempts.
      waitMs: started !== null && enqueued !== null && attempts <= 1 ? Math.max(0, started - enqueued - (toNumber(delay) ?? 0)) : null,
      runtimeMs: started !== null ? Math.max(0, finished - started) : null,
    });
    const perState = sampledPerMinute.get(job.read) ?? { completed: new Map<number, number>(), failed: new Map<number, number>() };
    const minute = Math.floor(job.finishedAt / MINUTE_MS) * MINUTE_MS;
    perState[job.state].set(minute, (perState[job.state].get(minute) ?? 0) + 1);
    sampledPerMinute.set(job.read, perState);
  });

  for (const read of reads) {
    const { prefix, name: queue } = read.ref;
    const states = { ...read.cursor.states };
    for (const state of STATES) {
      const perMinute = sampledPerMinute.get(read)?.[state] ?? new Map<number, number>();
      const sampledTotal = [...perMinute.values()].reduce((sum, count) => sum + count, 0);
      const counter = read.counters[state];
      const previous = read.cursor.states[state].count;
      if (counter !== null && previous !== null && read.cursor.since !== null) {
        // BullMQ's counter is the truth for totals; what it saw beyond the sampled jobs (removed on completion,
        // or past the sample limit) is counted in the current minute. The balance carries the small offset
        // between the counter (read now) and the sets (read up to `through`) to the next tick.
        const delta = counter >= previous ? counter - previous : 0;
        const balance = read.cursor.states[state].balance + delta - sampledTotal;
        const extra = Math.max(0, balance);
        batch.addCounts(prefix, queue, read.through, state, extra);
        states[state] = { count: counter, balance: balance - extra };
      } else {
        read.pieces.forEach((piece, index) => {
          const inSet = zcounts.get(read)?.[state][index] ?? 0;
          batch.addCounts(prefix, queue, piece.minute, state, inSet - (perMinute.get(piece.minute) ?? 0));
        });
        states[state] = { count: counter, balance: 0 };
      }
    }
    batch.setHash(fallbackCursorKey(namespace, prefix, queue), encodeCursor(read.through, states));
  }
}
