import { DEFAULT_CONNECTION } from '../config';
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

type Describe = (queue: string, value: string, threshold: string) => string;

const DESCRIBE: Record<Exclude<RuleName, 'RedisDown'>, Describe> = {
  QueueLengthWarning: (queue, value, threshold) => `${queue}: ${value} waiting (threshold ${threshold})`,
  QueueLengthCritical: (queue, value, threshold) => `${queue}: ${value} waiting (threshold ${threshold})`,
  OldestJobTooOld: (queue, value, threshold) => `${queue}: the oldest job has waited ${value} (threshold ${threshold})`,
  FailureRateHigh: (queue, value, threshold) => `${queue}: ${value} of jobs failed in the last 5 minutes (threshold ${threshold})`,
  WorkersMissing: (queue, value) => `${queue}: ${value} waiting and no live worker`,
};

/**
 * The one-line summary used by the UI and every notifier. It names the connection unless it is the single default
 * one, so "emails" on prod and on staging read differently in a shared Slack channel.
 */
export function summarize(rule: RuleName, queue: string | null, value: number, threshold: number, connection: string = DEFAULT_CONNECTION): string {
  const named = connection === DEFAULT_CONNECTION ? '' : connection;
  if (rule === 'RedisDown') return `Redis${named ? ` (connection ${named})` : ''} is unreachable from the Lookout monitor`;
  const unit = RULES[rule].unit;
  const where = `${queue ?? 'all queues'}${named ? ` (${named})` : ''}`;
  return `${rule} on ${DESCRIBE[rule](where, formatMeasure(unit, value), formatMeasure(unit, threshold))}`;
}
