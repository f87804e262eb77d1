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

/** Whether a percentile read back from the store is `expected` within the histogram's bucket precision (plus `slack` for measured jitter). */
export function withinPrecision(actual: unknown, expected: number, slack = 0): boolean {
  return typeof actual === 'number' && Math.abs(actual - expected) <= expected * (PERCENTILE_PRECISION + slack);
}
