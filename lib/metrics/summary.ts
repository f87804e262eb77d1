import type { QueueSummary } from '../queues';
import type { Series } from './keys';
import type { SeriesQueryContext } from './query';
import { readSlots, type SlotRecord } from './read';
import type { MetricRecord } from './record';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './tiers';
import type { MetricsSummary, QueueWorkload } from './types';

const THROUGHPUT_WINDOW_MS = 5 * MINUTE_MS;

/**
 * Sums a count over [from, now] from slots of `resolutionMs`. The slot that straddles `from` counts pro rata
 * (assuming jobs spread evenly over it); the slot in progress counts whole.
 */
export function countSince(slots: readonly SlotRecord[], resolutionMs: number, from: number, count: (record: MetricRecord) => number): number {
  let total = 0;
  for (const slot of slots) {
    const share = slot.t >= from ? 1 : Math.max(0, (slot.t + resolutionMs - from) / resolutionMs);
    total += count(slot.record) * share;
  }
  return total;
}

/** Time to work off the backlog at the current rate: 0 without a backlog, null when nothing is processed. */
export function drainEtaMs(backlog: number, perMinute: number): number | null {
  if (backlog <= 0) return 0;
  if (!(perMinute > 0)) return null;
  return Math.round((backlog / perMinute) * MINUTE_MS);
}

const finished = (record: MetricRecord) => record.completed + record.failed;
const failed = (record: MetricRecord) => record.failed;

/** Headline numbers for `series` (all queues or one), with the live queue summaries they are about. */
export async function readSummary(context: SeriesQueryContext, series: Series, live: readonly QueueSummary[]): Promise<MetricsSummary> {
  const { redis, namespace, tiers, now } = context;
  const perQueue: Series[] = live.map((queue) => ({ kind: 'queue', prefix: queue.prefix, queue: queue.name }));
  const [[recent = []], [week = []], throughputSlots] = await Promise.all([
    readSlots(redis, namespace, tiers.fine, [series], now - HOUR_MS - tiers.fine.resolutionMs, now),
    readSlots(redis, namespace, tiers.coarse, [series], now - 7 * DAY_MS - tiers.coarse.resolutionMs, now),
    readSlots(redis, namespace, tiers.fine, perQueue, now - THROUGHPUT_WINDOW_MS - tiers.fine.resolutionMs, now),
  ]);
  const fine = tiers.fine.resolutionMs;
  const pastHour = recent.filter((slot) => slot.t + fine > now - HOUR_MS);
  const ran = pastHour.filter((slot) => slot.record.runtime.size > 0);
  const waits = live.map((queue) => queue.oldestWaitingAgeMs).filter((age): age is number => age !== null);

  const queues: QueueWorkload[] = live.map((queue, index) => {
    const perMinute = countSince(throughputSlots[index] ?? [], fine, now - THROUGHPUT_WINDOW_MS, finished) / (THROUGHPUT_WINDOW_MS / MINUTE_MS);
    const backlog = queue.counts.waiting + queue.counts.prioritized;
    return {
      prefix: queue.prefix,
      name: queue.name,
      backlog,
      throughputPerMinute: Math.round(perMinute * 10) / 10,
      drainEtaMs: drainEtaMs(backlog, perMinute),
      workers: queue.workers,
      oldestWaitingAgeMs: queue.oldestWaitingAgeMs,
    };
  });

  return {
    jobsPastMinute: Math.round(countSince(recent, fine, now - MINUTE_MS, finished)),
    jobsPastHour: Math.round(countSince(recent, fine, now - HOUR_MS, finished)),
    failedPastHour: Math.round(countSince(recent, fine, now - HOUR_MS, failed)),
    failedPastSevenDays: Math.round(countSince(week, tiers.coarse.resolutionMs, now - 7 * DAY_MS, failed)),
    maxWaitMs: waits.length ? Math.max(...waits) : null,
    maxRuntimeMs: ran.length ? Math.max(...ran.map((slot) => slot.record.runtimeMaxMs)) : null,
    workers: live.reduce((sum, queue) => sum + queue.workers, 0),
    queues,
  };
}
