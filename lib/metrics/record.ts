import { addToHistogram, mergeHistogram, type Histogram } from './histogram';

/** Queue sizes sampled by the monitor; a bucket keeps the peak of the samples that fell into it. */
export interface Gauges {
  waiting: number;
  prioritized: number;
  active: number;
  delayed: number;
  /** Jobs in the failed set (BullMQ keeps final failures there). */
  failedTotal: number;
  /** Age of the oldest waiting job; null when nothing waits. */
  oldestWaitMs: number | null;
  workers: number;
}

export const GAUGE_FIELDS = ['waiting', 'prioritized', 'active', 'delayed', 'failedTotal', 'oldestWaitMs', 'workers'] as const;

/**
 * What one time bucket of one series holds. Every field merges by addition except the maxima and the
 * gauges, which keep the larger value, so buckets written by several processes combine in any order.
 */
export interface MetricRecord {
  completed: number;
  /** Attempts that failed for good (the job is in the failed set). */
  failed: number;
  /** Attempts that failed and will be retried. */
  retried: number;
  waitSumMs: number;
  waitMaxMs: number;
  runtimeSumMs: number;
  runtimeMaxMs: number;
  wait: Histogram;
  runtime: Histogram;
  gauges: Gauges | null;
}

export type JobOutcome = 'completed' | 'failed' | 'retried';

export function emptyRecord(): MetricRecord {
  return {
    completed: 0,
    failed: 0,
    retried: 0,
    waitSumMs: 0,
    waitMaxMs: 0,
    runtimeSumMs: 0,
    runtimeMaxMs: 0,
    wait: new Map(),
    runtime: new Map(),
    gauges: null,
  };
}

/** Counts one finished attempt; a null duration is one that could not be measured. */
export function addJob(record: MetricRecord, outcome: JobOutcome, waitMs: number | null, runtimeMs: number | null): void {
  record[outcome] += 1;
  if (waitMs !== null) {
    record.waitSumMs += waitMs;
    if (waitMs > record.waitMaxMs) record.waitMaxMs = waitMs;
    addToHistogram(record.wait, waitMs);
  }
  if (runtimeMs !== null) {
    record.runtimeSumMs += runtimeMs;
    if (runtimeMs > record.runtimeMaxMs) record.runtimeMaxMs = runtimeMs;
    addToHistogram(record.runtime, runtimeMs);
  }
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

export function mergeGauges(a: Gauges | null, b: Gauges | null): Gauges | null {
  if (!a || !b) return a ?? b;
  return {
    waiting: Math.max(a.waiting, b.waiting),
    prioritized: Math.max(a.prioritized, b.prioritized),
    active: Math.max(a.active, b.active),
    delayed: Math.max(a.delayed, b.delayed),
    failedTotal: Math.max(a.failedTotal, b.failedTotal),
    oldestWaitMs: maxOrNull(a.oldestWaitMs, b.oldestWaitMs),
    workers: Math.max(a.workers, b.workers),
  };
}

/** Adds `source` into `target` (which it returns); `source` is left unchanged. */
export function mergeRecord(target: MetricRecord, source: MetricRecord): MetricRecord {
  target.completed += source.completed;
  target.failed += source.failed;
  target.retried += source.retried;
  target.waitSumMs += source.waitSumMs;
  target.waitMaxMs = Math.max(target.waitMaxMs, source.waitMaxMs);
  target.runtimeSumMs += source.runtimeSumMs;
  target.runtimeMaxMs = Math.max(target.runtimeMaxMs, source.runtimeMaxMs);
  mergeHistogram(target.wait, source.wait);
  mergeHistogram(target.runtime, source.runtime);
  target.gauges = mergeGauges(target.gauges, source.gauges);
  return target;
}

export function copyRecord(record: MetricRecord): MetricRecord {
  return mergeRecord(emptyRecord(), record);
}
