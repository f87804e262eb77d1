import type { JobFinishedEvent } from '@/lib/metrics';
import { PERCENTILE_PRECISION } from '@/lib/metrics';

/** A JobFinishedEvent as the worker runtime sends it: a job that waited `waitMs` and ran `runtimeMs`, finishing at `finishedAt`. */
export function finishedEvent(
  base: Pick<JobFinishedEvent, 'prefix' | 'queue' | 'jobName'>,
  timing: { finishedAt: number; waitMs: number; runtimeMs: number },
  outcome: { status?: JobFinishedEvent['status']; final?: boolean; jobId?: string } = {},
): JobFinishedEvent {
  const startedAt = timing.finishedAt - timing.runtimeMs;
  return {
    ...base,
    jobId: outcome.jobId ?? `${base.jobName}-${timing.finishedAt}-${Math.random().toString(36).slice(2, 8)}`,
    status: outcome.status ?? 'completed',
    final: outcome.final ?? true,
    enqueuedAt: startedAt - timing.waitMs,
    startedAt,
    finishedAt: timing.finishedAt,
  };
}

/** Whether a percentile read back from the store is `expected` within the histogram's bucket precision (values ≤ 1 ms read back as 1 ms). */
export function withinPrecision(actual: unknown, expected: number): boolean {
  return typeof actual === 'number' && Math.abs(actual - expected) <= Math.max(1, expected * PERCENTILE_PRECISION);
}

/** The q-quantile of measured values by nearest rank: what a percentile read back from the store approximates. */
export function nearestRank(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
