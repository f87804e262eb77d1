import { describe, expect, it } from 'vitest';
import { backoffDelayMs, decideRetry, type FailureFacts } from './retry';

const error = new Error('boom');

describe('backoffDelayMs', () => {
  it('applies an array per attempt and repeats its last entry', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs([30, 60, 120], attempt, error))).toEqual([30_000, 60_000, 120_000, 120_000]);
  });

  it('uses a number for every attempt and a function of the attempt', () => {
    expect(backoffDelayMs(1.5, 3, error)).toBe(1500);
    expect(backoffDelayMs((attempt) => attempt * 2, 3, error)).toBe(6000);
    expect(backoffDelayMs(undefined, 1, error)).toBe(0);
  });

  it('never answers a negative or non-finite delay', () => {
    expect(backoffDelayMs(() => -5, 1, error)).toBe(0);
    expect(backoffDelayMs(() => Number.NaN, 1, error)).toBe(0);
  });
});

describe('decideRetry', () => {
  const base: FailureFacts = { attempt: 1, maxAttempts: 3, exceptions: 1, deadline: null, permanent: false, delayMs: 1000, now: 0 };

  it('retries with the backoff while attempts remain, then stops', () => {
    expect(decideRetry(base)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry({ ...base, attempt: 3 })).toEqual({ retry: false, reason: 'attempts' });
  });

  it('stops at maxExceptions even with attempts left', () => {
    expect(decideRetry({ ...base, maxExceptions: 2, exceptions: 2 })).toEqual({ retry: false, reason: 'exceptions' });
    expect(decideRetry({ ...base, maxExceptions: 2, exceptions: 1 })).toMatchObject({ retry: true });
  });

  it('stops when the next attempt would start after retryUntil', () => {
    expect(decideRetry({ ...base, deadline: 500 })).toEqual({ retry: false, reason: 'deadline' });
    expect(decideRetry({ ...base, deadline: 5000, maxAttempts: Number.MAX_SAFE_INTEGER })).toMatchObject({ retry: true });
  });

  it('never retries a permanent failure', () => {
    expect(decideRetry({ ...base, permanent: true })).toEqual({ retry: false, reason: 'permanent' });
  });
});
