import { histogramCount, quantile } from './histogram';
import type { SlotRecord } from './read';
import { emptyRecord, mergeRecord, type MetricRecord } from './record';
import type { DurationStats, MetricPoint } from './types';

const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export function durationStats(record: MetricRecord): DurationStats {
  const waits = histogramCount(record.wait);
  const runs = histogramCount(record.runtime);
  return {
    waitP50: tenth(quantile(record.wait, 0.5)),
    waitP95: tenth(quantile(record.wait, 0.95)),
    waitP99: tenth(quantile(record.wait, 0.99)),
    waitMax: waits ? record.waitMaxMs : null,
    waitAvg: waits ? tenth(record.waitSumMs / waits) : null,
    runtimeP50: tenth(quantile(record.runtime, 0.5)),
    runtimeP95: tenth(quantile(record.runtime, 0.95)),
    runtimeP99: tenth(quantile(record.runtime, 0.99)),
    runtimeMax: runs ? record.runtimeMaxMs : null,
    runtimeAvg: runs ? tenth(record.runtimeSumMs / runs) : null,
  };
}

export function mergeSlots(slots: readonly SlotRecord[]): MetricRecord {
  return slots.reduce((total, slot) => mergeRecord(total, slot.record), emptyRecord());
}

export function toPoint(t: number, record: MetricRecord): MetricPoint {
  const gauges = record.gauges;
  return {
    t,
    completed: record.completed,
    failed: record.failed,
    retried: record.retried,
    ...durationStats(record),
    waiting: gauges?.waiting ?? null,
    prioritized: gauges?.prioritized ?? null,
    active: gauges?.active ?? null,
    delayed: gauges?.delayed ?? null,
    failedTotal: gauges?.failedTotal ?? null,
    oldestWaitMs: gauges?.oldestWaitMs ?? null,
    workers: gauges?.workers ?? null,
  };
}

/**
 * Groups slots into points of `stepMs` (aligned to multiples of the step), with a point for every step
 * from `from` to `to` so charts show gaps as zero throughput rather than joining distant points.
 */
export function buildPoints(slots: readonly SlotRecord[], from: number, to: number, stepMs: number): MetricPoint[] {
  const start = Math.floor(from / stepMs) * stepMs;
  const merged = new Map<number, MetricRecord>();
  for (const slot of slots) {
    const t = Math.floor(slot.t / stepMs) * stepMs;
    merged.set(t, mergeRecord(merged.get(t) ?? emptyRecord(), slot.record));
  }
  const points: MetricPoint[] = [];
  for (let t = start; t <= to; t += stepMs) points.push(toPoint(t, merged.get(t) ?? emptyRecord()));
  return points;
}
