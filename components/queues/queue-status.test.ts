import { describe, expect, it } from 'vitest';
import type { QueueSummary } from '@/lib/queues/types';
import { queueStatus, type QueueStatus } from './queue-status';

const base: QueueSummary = {
  prefix: 'bull',
  name: 'q',
  paused: false,
  counts: { waiting: 0, active: 0, delayed: 0, prioritized: 0, waitingChildren: 0, completed: 10, failed: 0 },
  oldestWaitingAgeMs: null,
  throughputPerMinute: 0,
  failureRate: null,
  failureRateJobs: 0,
  workers: 1,
  problems: [],
};
const withCounts = (counts: Partial<QueueSummary['counts']>, extra: Partial<QueueSummary> = {}) => ({ ...base, ...extra, counts: { ...base.counts, ...counts } });

describe('queueStatus', () => {
  const cases: [string, QueueSummary, QueueStatus][] = [
    ['healthy', base, 'ok'],
    ['empty', withCounts({ completed: 0 }), 'idle'],
    ['paused', { ...base, paused: true }, 'paused'],
    ['backlog over 1000', withCounts({ waiting: 900, prioritized: 200 }), 'warning'],
    ['backlog over 5000', withCounts({ waiting: 5001 }), 'critical'],
    ['old job', withCounts({ waiting: 1 }, { oldestWaitingAgeMs: 6 * 60_000 }), 'warning'],
    ['old job and no worker', withCounts({ waiting: 1 }, { oldestWaitingAgeMs: 6 * 60_000, workers: 0 }), 'critical'],
    ['failing', { ...base, failureRate: 0.2 }, 'warning'],
    ['unreadable key', { ...base, problems: ['failed: WRONGTYPE'] }, 'warning'],
  ];
  it.each(cases)('%s → %s', (_, queue, expected) => {
    expect(queueStatus(queue).status).toBe(expected);
  });
});
