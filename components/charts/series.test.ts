import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '@/lib/metrics/types';
import { failureRateRows, hasValues, isolatedPoints, queueComparisonRows, queueLengthRows, runtimeRows, throughputRows, timeTickFormatter, waitRows } from './series';

function point(overrides: Partial<MetricPoint>): MetricPoint {
  return {
    t: 0,
    completed: 0,
    failed: 0,
    retried: 0,
    waitP50: null,
    waitP95: null,
    waitP99: null,
    waitMax: null,
    waitAvg: null,
    runtimeP50: null,
    runtimeP95: null,
    runtimeP99: null,
    runtimeMax: null,
    runtimeAvg: null,
    waiting: null,
    prioritized: null,
    active: null,
    delayed: null,
    failedTotal: null,
    oldestWaitMs: null,
    workers: null,
    ...overrides,
  };
}

const points = [
  point({ t: 0, completed: 90, failed: 10, waitP50: 5, waitP95: 80, runtimeP50: 100, runtimeP95: 400, waiting: 12, prioritized: 3, active: 2, delayed: 1 }),
  point({ t: 180_000 }),
];

describe('chart series', () => {
  it('turns counts per point into jobs per minute', () => {
    expect(throughputRows(points, 180)).toEqual([
      { t: 0, completed: 30, failed: 3.33 },
      { t: 180_000, completed: 0, failed: 0 },
    ]);
  });

  it('gives the failure rate in percent, with a gap where nothing finished', () => {
    expect(failureRateRows(points)).toEqual([
      { t: 0, failureRate: 10 },
      { t: 180_000, failureRate: null },
    ]);
  });

  it('passes percentiles through, keeping gaps', () => {
    expect(waitRows(points)).toEqual([
      { t: 0, p50: 5, p95: 80 },
      { t: 180_000, p50: null, p95: null },
    ]);
    expect(runtimeRows(points)[0]).toEqual({ t: 0, p50: 100, p95: 400 });
  });

  it('counts prioritized jobs as waiting in the queue length', () => {
    expect(queueLengthRows(points)[0]).toEqual({ t: 0, waiting: 15, active: 2, delayed: 1 });
    expect(queueLengthRows(points)[1]).toEqual({ t: 180_000, waiting: null, active: null, delayed: null });
  });

  it('tells an empty chart from one with data', () => {
    expect(hasValues(throughputRows(points, 60), ['completed', 'failed'])).toBe(true);
    expect(hasValues(throughputRows([points[1] as MetricPoint], 60), ['completed', 'failed'])).toBe(false);
  });

  it('finds the points a line cannot reach, so they get a dot', () => {
    const rows = [{ t: 0, p95: 5 }, { t: 1, p95: null }, { t: 2, p95: 7 }, { t: 3, p95: 8 }, { t: 4, p95: null }, { t: 5, p95: 1 }];
    expect([...isolatedPoints(rows, 'p95')]).toEqual([0, 5]);
  });

  it('labels the time axis by clock time up to a day and with the date beyond', () => {
    const t = Date.UTC(2026, 2, 4, 9, 5);
    expect(timeTickFormatter(3600)(t)).toBe('09:05');
    expect(timeTickFormatter(7 * 86_400)(t)).toBe('03-04 09:05');
  });

  it('lines queues up side by side, one column per queue, for each measure', () => {
    const emails = { points: [point({ t: 0, completed: 90, failed: 30, waitP95: 80 }), point({ t: 120_000 })] };
    const images = { points: [point({ t: 0, completed: 12 }), point({ t: 120_000, completed: 6, failed: 6, waitP95: 2000 })] };
    expect(queueComparisonRows([emails, images], 120, 'throughput')).toEqual([
      { t: 0, q0: 60, q1: 6 },
      { t: 120_000, q0: 0, q1: 6 },
    ]);
    expect(queueComparisonRows([emails, images], 120, 'failureRate')).toEqual([
      { t: 0, q0: 25, q1: 0 },
      { t: 120_000, q0: null, q1: 50 },
    ]);
    expect(queueComparisonRows([emails, images], 120, 'waitP95')).toEqual([
      { t: 0, q0: 80, q1: null },
      { t: 120_000, q0: null, q1: 2000 },
    ]);
    expect(queueComparisonRows([], 60, 'throughput')).toEqual([]);
  });
});
