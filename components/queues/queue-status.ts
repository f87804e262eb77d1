import type { QueueSummary } from '@/lib/queues/types';

export type QueueStatus = 'ok' | 'warning' | 'critical' | 'paused' | 'idle';

/** Thresholds match the default alert rules in ARCHITECTURE.md. */
export const STATUS_THRESHOLDS = {
  backlogWarning: 1000,
  backlogCritical: 5000,
  oldestWaitWarningMs: 5 * 60_000,
  failureRateWarning: 0.05,
};

/** The colour a queue gets on the Overview, with the reason shown on hover. */
export function queueStatus(queue: QueueSummary): { status: QueueStatus; reason: string } {
  const backlog = queue.counts.waiting + queue.counts.prioritized;
  if (queue.paused) return { status: 'paused', reason: 'Queue is paused' };
  if (backlog > STATUS_THRESHOLDS.backlogCritical) return { status: 'critical', reason: `Backlog of ${backlog} jobs` };
  if (backlog > 0 && queue.workers === 0 && (queue.oldestWaitingAgeMs ?? 0) > STATUS_THRESHOLDS.oldestWaitWarningMs) {
    return { status: 'critical', reason: 'Jobs are waiting and no worker is connected' };
  }
  if (backlog > STATUS_THRESHOLDS.backlogWarning) return { status: 'warning', reason: `Backlog of ${backlog} jobs` };
  if ((queue.oldestWaitingAgeMs ?? 0) > STATUS_THRESHOLDS.oldestWaitWarningMs) {
    return { status: 'warning', reason: 'Oldest waiting job is older than 5 minutes' };
  }
  if ((queue.failureRate ?? 0) > STATUS_THRESHOLDS.failureRateWarning) {
    return { status: 'warning', reason: 'More than 5 % of jobs failed in the last 5 minutes' };
  }
  if (queue.problems.length) return { status: 'warning', reason: `Unreadable keys: ${queue.problems.join('; ')}` };
  const total = Object.values(queue.counts).reduce((sum, count) => sum + count, 0);
  if (total === 0) return { status: 'idle', reason: 'No jobs' };
  return { status: 'ok', reason: 'Healthy' };
}
