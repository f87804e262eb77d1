import { describe, expect, it } from 'vitest';
import { batchActions, describeBatchCounts } from './batch-format';

describe('batchActions', () => {
  it('offers retry while failures exist and the batch is not cancelled, and cancel until it finished', () => {
    expect(batchActions({ failed: 0, cancelled: false, finished: false })).toEqual(['cancel']);
    expect(batchActions({ failed: 2, cancelled: false, finished: false })).toEqual(['retry', 'cancel']);
    expect(batchActions({ failed: 2, cancelled: false, finished: true })).toEqual(['retry']);
    expect(batchActions({ failed: 2, cancelled: true, finished: true })).toEqual([]);
    expect(batchActions({ failed: 0, cancelled: false, finished: true })).toEqual([]);
  });
});

describe('describeBatchCounts', () => {
  it('says how many are done and how many failed', () => {
    expect(describeBatchCounts({ total: 20, pending: 2, failed: 0 })).toBe('18 of 20 done');
    expect(describeBatchCounts({ total: 1200, pending: 0, failed: 3 })).toBe('1,200 of 1,200 done · 3 failed');
  });
});
