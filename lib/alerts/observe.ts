import { settingsFor, type RuleSet, type RuleSettings } from './rules';
import type { RuleName } from './types';

/**
 * What the evaluator needs to know about one queue. lib/queues' QueueSummary satisfies it; it is declared
 * here so lib/alerts does not depend on lib/queues (lib/queues reads active alerts from lib/alerts).
 */
export interface QueueSample {
  prefix: string;
  name: string;
  paused: boolean;
  counts: { waiting: number; prioritized: number };
  oldestWaitingAgeMs: number | null;
  failureRate: number | null;
  /** Jobs finished in the failure-rate window: the denominator of failureRate. */
  failureRateJobs: number;
  /** Live workers serving the queue. */
  workers: number;
}

/** A rule measured for one queue (or globally): the input of the pure evaluation. */
export interface Observation {
  rule: RuleName;
  /** The Redis connection observed. */
  connection: string;
  prefix: string | null;
  queue: string | null;
  value: number;
  /** False when the rule does not apply right now (paused queue, too few jobs): never fires, and resolves. */
  eligible: boolean;
  settings: RuleSettings;
}

type QueueRule = Exclude<RuleName, 'RedisDown'>;

const backlog = (sample: QueueSample) => sample.counts.waiting + sample.counts.prioritized;

/** How each per-queue rule reads its value from a sample. */
const MEASURES: Record<QueueRule, (sample: QueueSample, settings: RuleSettings) => { value: number; eligible: boolean }> = {
  QueueLengthWarning: (sample) => ({ value: backlog(sample), eligible: true }),
  QueueLengthCritical: (sample) => ({ value: backlog(sample), eligible: true }),
  // A paused queue keeps its jobs on purpose: neither their age nor the missing workers are a problem.
  OldestJobTooOld: (sample) => ({ value: sample.oldestWaitingAgeMs ?? 0, eligible: !sample.paused && sample.oldestWaitingAgeMs !== null }),
  FailureRateHigh: (sample, settings) => ({ value: sample.failureRate ?? 0, eligible: sample.failureRateJobs >= settings.minJobs && sample.failureRate !== null }),
  WorkersMissing: (sample) => ({ value: backlog(sample), eligible: !sample.paused && sample.workers === 0 }),
};

const QUEUE_RULES = Object.keys(MEASURES) as QueueRule[];

/** Observations of every enabled per-queue rule for every sampled queue of one connection. */
export function observeQueues(samples: readonly QueueSample[], ruleSet: RuleSet, connection: string): Observation[] {
  const observations: Observation[] = [];
  for (const sample of samples) {
    for (const rule of QUEUE_RULES) {
      const settings = settingsFor(ruleSet, rule, sample.name);
      if (!settings.enabled) continue;
      observations.push({ rule, connection, prefix: sample.prefix, queue: sample.name, settings, ...MEASURES[rule](sample, settings) });
    }
  }
  return observations;
}

/** The RedisDown observation of one connection: value 1 while the evaluator cannot reach its Redis. */
export function observeRedis(reachable: boolean, ruleSet: RuleSet, connection: string): Observation[] {
  const settings = settingsFor(ruleSet, 'RedisDown', null);
  if (!settings.enabled) return [];
  return [{ rule: 'RedisDown', connection, prefix: null, queue: null, value: reachable ? 0 : 1, eligible: true, settings }];
}

