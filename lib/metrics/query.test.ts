import { describe, expect, it } from 'vitest';
import { buildPoints } from './points';
import { MAX_POINTS, planQuery } from './query';
import { addJob, emptyRecord } from './record';
import { buildTiers, DAY_MS, HOUR_MS, MINUTE_MS } from './tiers';

const tiers = buildTiers();
const now = Date.UTC(2026, 0, 15, 12, 30, 20);

describe('planQuery', () => {
  it.each([
    ['15 m', 15 * MINUTE_MS, '1m', MINUTE_MS],
    ['1 h', HOUR_MS, '1m', MINUTE_MS],
    ['6 h', 6 * HOUR_MS, '1m', MINUTE_MS],
    ['24 h', DAY_MS, '1m', 3 * MINUTE_MS],
    ['7 d', 7 * DAY_MS, '15m', 30 * MINUTE_MS],
    ['30 d', 30 * DAY_MS, '15m', 90 * MINUTE_MS],
  ])('serves %s from %s buckets with a step of at most %s ms', (_label, span, resolution, step) => {
    const plan = planQuery(tiers, now, { lastMs: span });
    expect(plan.tier.label).toBe(resolution);
    expect(plan.stepMs).toBe(step);
    expect((plan.to - plan.from) / plan.stepMs).toBeLessThanOrEqual(MAX_POINTS);
  });

  it('starts on a step boundary inside the range and never runs past now', () => {
    const plan = planQuery(tiers, now, { from: now - DAY_MS, to: now + HOUR_MS });
    expect(plan.to).toBe(now);
    expect(plan.from % plan.stepMs).toBe(0);
    expect(plan.from).toBeGreaterThanOrEqual(now - DAY_MS);
  });

  it('widens a requested step to a multiple of the resolution', () => {
    expect(planQuery(tiers, now, { lastMs: HOUR_MS, stepMs: 90_000 }).stepMs).toBe(2 * MINUTE_MS);
    expect(planQuery(tiers, now, { lastMs: 7 * DAY_MS, stepMs: 60_000 }).stepMs).toBe(30 * MINUTE_MS);
  });

  it('cuts a range to what is retained', () => {
    const plan = planQuery(tiers, now, { lastMs: 90 * DAY_MS });
    expect(plan.tier.label).toBe('15m');
    expect(plan.from).toBeGreaterThanOrEqual(now - 30 * DAY_MS);
  });
});

describe('buildPoints', () => {
  it('adds up slots per step and reads percentiles from the merged histograms', () => {
    const start = Date.UTC(2026, 0, 15, 12, 0);
    const a = emptyRecord();
    for (let i = 0; i < 9; i++) addJob(a, 'completed', 10, 100);
    const b = emptyRecord();
    addJob(b, 'failed', 5000, 2000);
    b.gauges = { waiting: 7, prioritized: 0, active: 2, delayed: 0, failedTotal: 1, oldestWaitMs: 300, workers: 1 };
    const points = buildPoints(
      [
        { t: start, record: a },
        { t: start + MINUTE_MS, record: b },
      ],
      start,
      start + 3 * MINUTE_MS,
      2 * MINUTE_MS,
    );
    expect(points.map((point) => point.t)).toEqual([start, start + 2 * MINUTE_MS]);
    const [first, second] = points;
    expect(first).toMatchObject({ completed: 9, failed: 1, waiting: 7, active: 2, workers: 1, runtimeMax: 2000, waitMax: 5000 });
    expect(first?.runtimeP50).toBeCloseTo(100, -1);
    expect(first?.runtimeP99).toBeGreaterThan(1800);
    expect(second).toMatchObject({ completed: 0, failed: 0, runtimeP50: null, waitMax: null, waiting: null });
  });
});
