import { describe, expect, it } from 'vitest';
import type { OperationView } from '@/lib/operations/types';
import { describeOperation, operationPercent } from './describe';

const base: OperationView = {
  id: 'op',
  action: 'retry',
  queue: 'billing',
  prefix: 'bull',
  query: { state: 'failed', q: 'card' },
  state: 'running',
  phase: 'matching',
  done: 0,
  total: 0,
  failed: 0,
  scanned: 230_000,
  scanTotal: 1_000_000,
  startedAt: 0,
  finishedAt: null,
  requestedBy: 'otto',
  cancelRequested: false,
  cancelledBy: null,
  error: null,
};

describe('operation progress', () => {
  it('says how far matching got, then fills the bar while applying', () => {
    expect(describeOperation(base)).toBe('Finding the matching jobs: scanned 230,000 of 1,000,000');
    expect(operationPercent(base)).toBe(0);
    const applying = { ...base, phase: 'applying' as const, total: 50_000, done: 24_000, failed: 1000 };
    expect(describeOperation(applying)).toBe('Retrying: 25,000 of 50,000 jobs, 1,000 skipped (moved, gone or locked)');
    expect(operationPercent(applying)).toBe(50);
    expect(describeOperation({ ...applying, cancelRequested: true })).toContain('— stopping');
  });

  it('says how it ended, with a full bar', () => {
    const ended = { ...base, phase: 'applying' as const, total: 50_000, finishedAt: 1 };
    expect(describeOperation({ ...ended, state: 'done', done: 50_000 })).toBe('Retried 50,000 jobs.');
    expect(describeOperation({ ...ended, state: 'cancelled', done: 25_000, cancelledBy: 'carla' })).toBe('Cancelled by carla: retried 25,000 of 50,000 jobs.');
    expect(describeOperation({ ...ended, action: 'delete', state: 'failed', done: 1, error: 'WRONGTYPE' })).toBe('Stopped after 1 of 50,000 jobs: WRONGTYPE');
    expect(operationPercent({ ...ended, state: 'cancelled' })).toBe(100);
  });
});
