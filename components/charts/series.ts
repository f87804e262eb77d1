import type { MetricPoint } from '@/lib/metrics/types';

/**
 * Pure functions from API points to chart rows. Counts become per-minute rates (a point may span several
 * minutes), so the y axis means the same thing on every range.
 */
export interface ChartRow {
  t: number;
  [series: string]: number | null;
}

const perMinute = (count: number, stepSeconds: number) => Math.round((count / (stepSeconds / 60)) * 100) / 100;

export function throughputRows(points: readonly MetricPoint[], stepSeconds: number): ChartRow[] {
  return points.map((point) => ({ t: point.t, completed: perMinute(point.completed, stepSeconds), failed: perMinute(point.failed, stepSeconds) }));
}

/** Failed share of finished jobs in percent; null where nothing finished (a gap, not a 0 % dip). */
export function failureRateRows(points: readonly MetricPoint[]): ChartRow[] {
  return points.map((point) => {
    const finished = point.completed + point.failed;
    return { t: point.t, failureRate: finished ? Math.round((point.failed / finished) * 1000) / 10 : null };
  });
}

export function waitRows(points: readonly MetricPoint[]): ChartRow[] {
  return points.map((point) => ({ t: point.t, p50: point.waitP50, p95: point.waitP95 }));
}

export function runtimeRows(points: readonly MetricPoint[]): ChartRow[] {
  return points.map((point) => ({ t: point.t, p50: point.runtimeP50, p95: point.runtimeP95 }));
}

export function queueLengthRows(points: readonly MetricPoint[]): ChartRow[] {
  return points.map((point) => ({
    t: point.t,
    waiting: point.waiting === null ? null : point.waiting + (point.prioritized ?? 0),
    active: point.active,
    delayed: point.delayed,
  }));
}

export type QueueMeasure = 'throughput' | 'failureRate' | 'waitP95';

/** Chart key of the n-th compared queue (queue names can hold any character, so they are not keys). */
export const queueSeriesKey = (index: number) => `q${index}`;

/**
 * One row per point with one column per queue (`q0`, `q1`, …), for charts that compare queues. Every queue's points
 * come from one query plan, so the n-th point of each has the same time. Throughput is per minute; the failure rate is
 * in percent and null where the queue finished nothing; wait is the p95 in ms.
 */
export function queueComparisonRows(queues: readonly { points: readonly MetricPoint[] }[], stepSeconds: number, measure: QueueMeasure): ChartRow[] {
  const times = queues[0]?.points.map((point) => point.t) ?? [];
  return times.map((t, index) => {
    const row: ChartRow = { t };
    queues.forEach((queue, n) => {
      const point = queue.points[index];
      if (!point) return;
      const finished = point.completed + point.failed;
      row[queueSeriesKey(n)] =
        measure === 'throughput' ? perMinute(finished, stepSeconds) : measure === 'failureRate' ? (finished ? Math.round((point.failed / finished) * 1000) / 10 : null) : point.waitP95;
    });
    return row;
  });
}

/** Whether any row has a non-zero value in one of `keys`: an empty chart says so instead of drawing a flat line. */
export function hasValues(rows: readonly ChartRow[], keys: readonly string[]): boolean {
  return rows.some((row) => keys.some((key) => {
    const value = row[key];
    return typeof value === 'number' && value !== 0;
  }));
}

/** Points of a series with no neighbour to draw a line to: the chart marks them with a dot so they are seen. */
export function isolatedPoints(rows: readonly ChartRow[], key: string): Set<number> {
  const present = (index: number) => typeof rows[index]?.[key] === 'number';
  const isolated = new Set<number>();
  rows.forEach((_, index) => {
    if (present(index) && !present(index - 1) && !present(index + 1)) isolated.add(index);
  });
  return isolated;
}

/** Axis labels in UTC (like every time in the dashboard): clock time for a day or less, the date beyond. */
export function timeTickFormatter(rangeSeconds: number): (t: number) => string {
  return (t) => {
    const iso = new Date(t).toISOString();
    return rangeSeconds <= 86_400 ? iso.slice(11, 16) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  };
}
