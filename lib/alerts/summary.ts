import { RULES, type RuleUnit } from './rules';
import type { RuleName } from './types';

/** A value in its rule's unit, for people: "1,200 jobs", "6 m 5 s", "10.0 %". */
export function formatMeasure(unit: RuleUnit, value: number): string {
  switch (unit) {
    case 'jobs':
      return `${Math.round(value).toLocaleString('en-US')} jobs`;
    case 'ratio':
      return `${(value * 100).toFixed(1)} %`;
    case 'ms': {
      const seconds = Math.round(value / 1000);
      return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} m ${seconds % 60} s`;
    }
    case 'flag':
      return value > 0 ? 'yes' : 'no';
  }
}

const WHAT: Record<RuleName, string> = {
  QueueLengthWarning: 'waiting',
  QueueLengthCritical: 'waiting',
  OldestJobTooOld: 'oldest job waiting for',
  FailureRateHigh: 'failure rate (5 min)',
  WorkersMissing: 'waiting with no live worker',
  RedisDown: 'Redis unreachable',
};

/** The one-line summary used by the UI and every notifier. */
export function summarize(rule: RuleName, queue: string | null, value: number, threshold: number): string {
  if (rule === 'RedisDown') return 'Redis is unreachable from the Lookout monitor';
  const unit = RULES[rule].unit;
  return `${rule} on ${queue ?? 'all queues'}: ${WHAT[rule]} ${formatMeasure(unit, value)} (threshold ${formatMeasure(unit, threshold)})`;
}
