import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationResult } from './evaluate';
import { alertId } from './identity';
import type { Observation } from './observe';
import { RULES } from './rules';
import type { Alert } from './types';

const settings = { ...RULES.QueueLengthWarning.defaults, threshold: 1000, forMs: 60_000, repeatIntervalMs: 4 * 3600_000 };
const observe = (value: number, extra: Partial<Observation> = {}): Observation => ({
  rule: 'QueueLengthWarning', connection: 'default', prefix: 'bull', queue: 'emails', value, eligible: true, settings, ...extra,
});
const id = alertId('QueueLengthWarning', 'bull', 'emails');

/** Feeds values one per step (10 s apart) through the evaluation and collects what happened. */
function run(values: number[], options: { silencedUntil?: number; extra?: Partial<Observation> } = {}) {
  let previous = new Map<string, Alert>();
  const steps: { at: number; result: EvaluationResult }[] = [];
  values.forEach((value, index) => {
    const now = index * 10_000;
    const result = evaluate({
      now,
      observations: [observe(value, options.extra)],
      previous,
      silencedUntil: new Map(options.silencedUntil ? [[id, options.silencedUntil]] : []),
    });
    previous = new Map(result.active.map((alert) => [alert.id, alert]));
    steps.push({ at: now, result });
  });
  const notes = steps.flatMap(({ at, result }) => result.notifications.map((n) => `${at / 1000}s ${n.status}${n.repeat ? ' (repeat)' : ''}`));
  return { steps, notes, last: steps[steps.length - 1]?.result };
}

describe('evaluate', () => {
  it('goes pending, fires once after `for`, and resolves with a notification', () => {
    const { notes, steps } = run([1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 10]);
    expect(notes).toEqual(['60s firing', '80s resolved']);
    expect(steps[0]?.result.active[0]).toMatchObject({ id, state: 'pending', value: 1200, threshold: 1000, activeAt: 0 });
    expect(steps[6]?.result.active[0]).toMatchObject({ state: 'firing', activeAt: 0, startsAt: 60_000 });
    expect(steps[8]?.result.resolved[0]).toMatchObject({ state: 'resolved', startsAt: 60_000, endsAt: 80_000, value: 10 });
  });

  it('fires at once when forMs is 0', () => {
    expect(run([1001], { extra: { settings: { ...settings, forMs: 0 } } }).notes).toEqual(['0s firing']);
  });

  it('forgets a pending alert whose condition stops before `for`, without notifying', () => {
    const { notes, steps } = run([1200, 1200, 900, 1200]);
    expect(notes).toEqual([]);
    expect(steps[2]?.result.dropped).toEqual([id]);
    expect(steps[3]?.result.active[0]).toMatchObject({ state: 'pending', activeAt: 30_000 });
  });

  it('does not flap while the value hovers around the threshold (hysteresis)', () => {
    const hovering = [1200, 1200, 1200, 1200, 1200, 1200, 1200, 990, 1010, 950, 1005, 901, 1001, 900];
    expect(run(hovering).notes).toEqual(['60s firing', '130s resolved']);
  });

  it('repeats a firing notification every repeatIntervalMs', () => {
    const repeatSettings = { ...settings, forMs: 0, repeatIntervalMs: 60_000 };
    const { notes } = run(Array(14).fill(2000), { extra: { settings: repeatSettings } });
    expect(notes).toEqual(['0s firing', '60s firing (repeat)', '120s firing (repeat)']);
  });

  it('suppresses notifications while silenced but keeps evaluating, and notifies once the silence ends', () => {
    const quick = { ...settings, forMs: 0 };
    const { notes, steps } = run([2000, 2000, 2000, 2000, 2000], { silencedUntil: 25_000, extra: { settings: quick } });
    expect(steps[0]?.result.active[0]?.state).toBe('firing');
    expect(notes).toEqual(['30s firing']);
  });

  it('never sends a resolve for an alert nobody heard about', () => {
    const quick = { ...settings, forMs: 0 };
    expect(run([2000, 2000, 0], { silencedUntil: 15_000, extra: { settings: quick } }).notes).toEqual([]);
  });

  it('treats an ineligible observation (too few jobs, paused queue) as cleared', () => {
    const quick = { ...settings, forMs: 0 };
    const previous = run([2000], { extra: { settings: quick } }).last?.active ?? [];
    const result = evaluate({
      now: 10_000,
      observations: [observe(2000, { eligible: false, settings: quick })],
      previous: new Map(previous.map((alert) => [alert.id, alert])),
      silencedUntil: new Map(),
    });
    expect(result.notifications.map((n) => n.status)).toEqual(['resolved']);
  });

  it('resolves alerts whose queue or rule is gone', () => {
    const quick = { ...settings, forMs: 0 };
    const previous = run([2000], { extra: { settings: quick } }).last?.active ?? [];
    const result = evaluate({ now: 10_000, observations: [], previous: new Map(previous.map((alert) => [alert.id, alert])), silencedUntil: new Map() });
    expect(result.resolved).toHaveLength(1);
    expect(result.notifications[0]).toMatchObject({ status: 'resolved' });
  });
});
