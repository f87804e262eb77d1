import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryable } from './delivery';

describe('delivery retries', () => {
  it('backs off exponentially with half of each delay random, up to the cap', () => {
    const options = (random: number) => ({ baseDelayMs: 1000, maxDelayMs: 30_000, random: () => random });
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, options(0)))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, options(1)))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelayMs(10, options(1))).toBe(30_000);
  });

  it('retries only what may succeed later', () => {
    expect([null, 408, 429, 500, 503].map(isRetryable)).toEqual([true, true, true, true, true]);
    expect([400, 401, 404, 410].map(isRetryable)).toEqual([false, false, false, false]);
  });
});
