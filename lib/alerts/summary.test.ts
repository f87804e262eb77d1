import { describe, expect, it } from 'vitest';
import { summarize } from './summary';

describe('alert summaries', () => {
  it.each([
    ['QueueLengthCritical', 5200, 5000, 'QueueLengthCritical on emails: 5,200 jobs waiting (threshold 5,000 jobs)'],
    ['OldestJobTooOld', 365_000, 300_000, 'OldestJobTooOld on emails: the oldest job has waited 6 m 5 s (threshold 5 m 0 s)'],
    ['FailureRateHigh', 0.1, 0.05, 'FailureRateHigh on emails: 10.0 % of jobs failed in the last 5 minutes (threshold 5.0 %)'],
    ['WorkersMissing', 3, 0, 'WorkersMissing on emails: 3 jobs waiting and no live worker'],
    ['RedisDown', 1, 0, 'Redis is unreachable from the Lookout monitor'],
  ] as const)('%s', (rule, value, threshold, expected) => {
    expect(summarize(rule, rule === 'RedisDown' ? null : 'emails', value, threshold)).toBe(expected);
  });
});
