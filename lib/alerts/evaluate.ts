import { alertId } from './identity';
import { RESOLVE_RATIO, RULES } from './rules';
import type { Observation } from './observe';
import { summarize } from './summary';
import type { Alert, AlertNotification, AlertTransition } from './types';

export interface EvaluationInput {
  now: number;
  observations: readonly Observation[];
  /** Pending and firing alerts from the previous evaluation, by id. */
  previous: ReadonlyMap<string, Alert>;
  /** Silenced alert ids and until when (ms). */
  silencedUntil: ReadonlyMap<string, number>;
}

export interface EvaluationResult {
  /** Pending and firing alerts after this evaluation. */
  active: Alert[];
  /** Alerts that resolved in this evaluation (state "resolved", endsAt set). */
  resolved: Alert[];
  /** Ids of pending alerts whose condition stopped holding before they fired: forgotten, never notified. */
  dropped: string[];
  transitions: AlertTransition[];
  notifications: AlertNotification[];
}

/**
 * Ticks come from timers that can run a millisecond or two early by Date.now(); without this slack a `for` that is
 * a multiple of the interval (60 s at 5 s) would wait one more whole interval before firing.
 */
const CLOCK_SLACK_MS = 100;

const fires = (o: Observation) => o.eligible && o.value > o.settings.threshold;
// Hysteresis: once firing, an alert needs the value to fall clearly below the threshold to resolve.
const clears = (o: Observation) => !o.eligible || o.value <= o.settings.threshold * RESOLVE_RATIO;

/**
 * The alert lifecycle, as a pure function: inactive → pending (condition holds, `for` not met) → firing
 * (notify; repeat every repeatIntervalMs) → resolved (notify). Silences suppress notifications only.
 * Previous alerts without an observation (queue gone, rule disabled) resolve.
 */
export function evaluate({ now, observations, previous, silencedUntil }: EvaluationInput): EvaluationResult {
  const result: EvaluationResult = { active: [], resolved: [], dropped: [], transitions: [], notifications: [] };
  const silenced = (id: string) => (silencedUntil.get(id) ?? 0) > now;
  const seen = new Set<string>();

  const resolve = (alert: Alert, value: number) => {
    const resolvedAlert: Alert = { ...alert, state: 'resolved', value, endsAt: now };
    result.resolved.push(resolvedAlert);
    result.transitions.push({ at: now, from: 'firing', to: 'resolved', alert: resolvedAlert });
    // Only people who heard about the alert need to hear that it is over.
    if (alert.lastNotifiedAt !== null && !silenced(alert.id)) result.notifications.push({ status: 'resolved', alert: resolvedAlert, repeat: false });
  };

  const fire = (alert: Alert, repeat: boolean) => {
    if (silenced(alert.id)) return alert;
    const notified: Alert = { ...alert, lastNotifiedAt: now };
    result.notifications.push({ status: 'firing', alert: notified, repeat });
    return notified;
  };

  for (const observation of observations) {
    const { rule, connection, prefix, queue, value, settings } = observation;
    const id = alertId(rule, prefix, queue, connection);
    seen.add(id);
    const before = previous.get(id);
    const summary = summarize(rule, queue, value, settings.threshold, connection);
    const measured = { connection, value, threshold: settings.threshold, summary };

    if (!before) {
      if (!fires(observation)) continue;
      const pending: Alert = {
        id, rule, prefix, queue, severity: RULES[rule].severity, state: 'pending', ...measured,
        activeAt: now, startsAt: now, endsAt: null, lastNotifiedAt: null,
      };
      if (settings.forMs > 0) {
        result.active.push(pending);
        result.transitions.push({ at: now, from: 'inactive', to: 'pending', alert: pending });
        continue;
      }
      const firing = fire({ ...pending, state: 'firing' }, false);
      result.active.push(firing);
      result.transitions.push({ at: now, from: 'inactive', to: 'firing', alert: firing });
      continue;
    }

    if (before.state === 'pending') {
      if (!fires(observation)) {
        result.dropped.push(id);
        result.transitions.push({ at: now, from: 'pending', to: 'inactive', alert: { ...before, ...measured } });
      } else if (now - before.activeAt >= settings.forMs - CLOCK_SLACK_MS) {
        const firing = fire({ ...before, ...measured, state: 'firing', startsAt: now }, false);
        result.active.push(firing);
        result.transitions.push({ at: now, from: 'pending', to: 'firing', alert: firing });
      } else {
        result.active.push({ ...before, ...measured });
      }
      continue;
    }

    if (clears(observation)) {
      resolve({ ...before, ...measured }, value);
      continue;
    }
    const current: Alert = { ...before, ...measured };
    const due = before.lastNotifiedAt === null || now - before.lastNotifiedAt >= settings.repeatIntervalMs;
    result.active.push(due ? fire(current, before.lastNotifiedAt !== null) : current);
  }

  for (const [id, before] of previous) {
    if (seen.has(id)) continue;
    if (before.state === 'firing') resolve(before, before.value);
    else {
      result.dropped.push(id);
      result.transitions.push({ at: now, from: 'pending', to: 'inactive', alert: before });
    }
  }
  return result;
}
