import { z } from 'zod';
import { RULE_NAMES, type RuleName, type Severity } from './types';

/** A rule's tunable settings; thresholds are in the unit of the measured value. */
export interface RuleSettings {
  enabled: boolean;
  threshold: number;
  forMs: number;
  repeatIntervalMs: number;
  /** Fewest jobs in the window before a rate is trusted (FailureRateHigh); 0 elsewhere. */
  minJobs: number;
}

export type RuleUnit = 'jobs' | 'ms' | 'ratio' | 'flag';

export interface RuleDefinition {
  name: RuleName;
  severity: Severity;
  unit: RuleUnit;
  /** `queue` rules are evaluated per queue; `global` ones once for the deployment. */
  scope: 'queue' | 'global';
  description: string;
  defaults: RuleSettings;
}

const MINUTE_MS = 60_000;
export const DEFAULT_REPEAT_INTERVAL_MS = 4 * 60 * MINUTE_MS;

/**
 * A firing alert resolves only once its value falls to threshold × this ratio, so a value hovering
 * around the threshold does not fire and resolve on every tick.
 */
export const RESOLVE_RATIO = 0.9;

const base = { enabled: true, repeatIntervalMs: DEFAULT_REPEAT_INTERVAL_MS, minJobs: 0 };

/** The default rule table of ARCHITECTURE.md ("Alerts"). */
export const RULES: Record<RuleName, RuleDefinition> = {
  QueueLengthWarning: {
    name: 'QueueLengthWarning',
    severity: 'warning',
    unit: 'jobs',
    scope: 'queue',
    description: 'waiting + prioritized jobs above the threshold',
    defaults: { ...base, threshold: 1000, forMs: MINUTE_MS },
  },
  QueueLengthCritical: {
    name: 'QueueLengthCritical',
    severity: 'critical',
    unit: 'jobs',
    scope: 'queue',
    description: 'waiting + prioritized jobs above the threshold',
    defaults: { ...base, threshold: 5000, forMs: MINUTE_MS },
  },
  OldestJobTooOld: {
    name: 'OldestJobTooOld',
    severity: 'warning',
    unit: 'ms',
    scope: 'queue',
    description: 'the oldest waiting job has waited longer than the threshold (paused queues excepted)',
    defaults: { ...base, threshold: 5 * MINUTE_MS, forMs: 0 },
  },
  FailureRateHigh: {
    name: 'FailureRateHigh',
    severity: 'warning',
    unit: 'ratio',
    scope: 'queue',
    description: 'failed / (completed + failed) over the last 5 minutes above the threshold, with at least minJobs jobs',
    defaults: { ...base, threshold: 0.05, forMs: 0, minJobs: 20 },
  },
  WorkersMissing: {
    name: 'WorkersMissing',
    severity: 'critical',
    unit: 'jobs',
    scope: 'queue',
    description: 'jobs are waiting and no live worker serves the queue (paused queues excepted)',
    defaults: { ...base, threshold: 0, forMs: MINUTE_MS },
  },
  RedisDown: {
    name: 'RedisDown',
    severity: 'critical',
    unit: 'flag',
    scope: 'global',
    description: 'Redis is unreachable by the evaluator',
    defaults: { ...base, threshold: 0, forMs: 30_000 },
  },
};

const settingsPatch = z
  .object({
    enabled: z.boolean(),
    threshold: z.number().finite().min(0),
    forMs: z.number().int().min(0).max(7 * 24 * 60 * MINUTE_MS),
    repeatIntervalMs: z.number().int().min(MINUTE_MS).max(30 * 24 * 60 * MINUTE_MS),
    minJobs: z.number().int().min(0),
  })
  .partial()
  .strict();

export type RuleSettingsPatch = z.infer<typeof settingsPatch>;

const ruleOverride = settingsPatch.extend({
  queues: z.record(z.string().min(1).max(255), settingsPatch).optional(),
});

/**
 * The shape of LOOKOUT_ALERT_RULES and of the admin's saved overrides:
 * `{ "QueueLengthWarning": { "threshold": 1000, "forMs": 60000, "queues": { "emails": { "threshold": 50 } } } }`.
 */
export const ruleOverridesSchema = z.partialRecord(z.enum(RULE_NAMES), ruleOverride);
export type RuleOverrides = z.infer<typeof ruleOverridesSchema>;

/** The effective rule set: defaults, then the environment, then the admin's overrides. */
export interface RuleSet {
  global: Record<RuleName, RuleSettings>;
  /** Per queue name, the settings that differ from the global ones. */
  queues: Record<RuleName, Record<string, RuleSettingsPatch>>;
}

export function buildRuleSet(...layers: RuleOverrides[]): RuleSet {
  const global = {} as Record<RuleName, RuleSettings>;
  const queues = {} as Record<RuleName, Record<string, RuleSettingsPatch>>;
  for (const name of RULE_NAMES) {
    global[name] = { ...RULES[name].defaults };
    queues[name] = {};
    for (const layer of layers) {
      const { queues: perQueue, ...patch } = layer[name] ?? {};
      Object.assign(global[name], patch);
      for (const [queue, queuePatch] of Object.entries(perQueue ?? {})) queues[name][queue] = { ...queues[name][queue], ...queuePatch };
    }
  }
  return { global, queues };
}

/** The settings that apply to one queue (the global ones when the queue has no override, or for global rules). */
export function settingsFor(ruleSet: RuleSet, rule: RuleName, queue: string | null): RuleSettings {
  const patch = queue === null ? undefined : ruleSet.queues[rule][queue];
  return patch ? { ...ruleSet.global[rule], ...patch } : ruleSet.global[rule];
}
