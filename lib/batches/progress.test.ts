import { describe, expect, it } from 'vitest';
import { batchProgress, batchState } from './progress';

const counts = (pending: number, completed: number, failed: number) => ({ pending, completed, failed, total: pending + completed + failed });

describe('batchProgress', () => {
  it('counts finished members, failed ones included, as progress', () => {
    expect(batchProgress({ total: 20, finishedAt: null }, counts(15, 4, 1))).toEqual({ pending: 15, failed: 1, processed: 4, progress: 25 });
  });

  it('reaches 100 only when nothing is pending', () => {
    expect(batchProgress({ total: 1000, finishedAt: null }, counts(1, 999, 0)).progress).toBe(99);
    expect(batchProgress({ total: 1000, finishedAt: 1 }, counts(0, 990, 10)).progress).toBe(100);
  });

  it('shows members retried after the batch finished as pending again', () => {
    expect(batchProgress({ total: 4, finishedAt: 1 }, counts(1, 3, 0))).toEqual({ pending: 1, failed: 0, processed: 3, progress: 75 });
  });

  it('without the batch job, treats a finished batch as done and an unfinished one as not started', () => {
    expect(batchProgress({ total: 5, finishedAt: 1 }, null)).toEqual({ pending: 0, failed: 0, processed: 0, progress: 100 });
    expect(batchProgress({ total: 5, finishedAt: null }, null)).toEqual({ pending: 5, failed: 0, processed: 0, progress: 0 });
  });

  it('treats an empty batch as complete', () => {
    expect(batchProgress({ total: 0, finishedAt: null }, counts(0, 0, 0)).progress).toBe(100);
  });
});

describe('batchState', () => {
  it('names the state the list shows', () => {
    expect(batchState({ cancelled: true, finished: true, pending: 0, failed: 1 })).toBe('cancelled');
    expect(batchState({ cancelled: false, finished: true, pending: 0, failed: 2 })).toBe('failed');
    expect(batchState({ cancelled: false, finished: true, pending: 0, failed: 0 })).toBe('finished');
    expect(batchState({ cancelled: false, finished: false, pending: 3, failed: 1 })).toBe('running');
    expect(batchState({ cancelled: false, finished: true, pending: 2, failed: 0 })).toBe('running');
  });
});
