import type { QueueRef } from '../queues';
import type { Series } from './keys';
import { buildPoints, mergeSlots } from './points';
import { planQuery, type RangeQuery, type SeriesQueryContext } from './query';
import { readSlots } from './read';
import { DAY_MS } from './tiers';
import type { QueueSeriesResponse } from './types';

/** Most queues one answer compares: more lines than this make a chart nobody can read. */
export const MAX_COMPARED_QUEUES = 20;
/** The queues read to find the busiest: bounds the cost on deployments with hundreds of queues. */
export const MAX_CANDIDATE_QUEUES = 200;
/** Queues are ranked on their 15-minute buckets of at most the last day, whatever the range (see readQueueSeries). */
export const RANKING_SPAN_MS = DAY_MS;

const queueSeries = (ref: QueueRef): Series => ({ kind: 'queue', prefix: ref.prefix, queue: ref.name });

/**
 * The busiest queues over a range, each with its own points, to compare queues on one chart. Reading every queue's
 * range at full resolution would cost about a second for 100 queues over a day (bench/metrics-memory.bench.ts), so the
 * queues are ranked by the jobs they finished in their 15-minute buckets of the range (of its last day, for longer
 * ranges), and only the chosen ones are read at the range's resolution. Reads go in one pipeline per hash slot.
 */
export async function readQueueSeries(context: SeriesQueryContext, refs: readonly QueueRef[], query: RangeQuery, limit: number): Promise<QueueSeriesResponse> {
  const plan = planQuery(context.tiers, context.now, query);
  const candidates = refs.slice(0, MAX_CANDIDATE_QUEUES);
  const ranking = await readSlots(context.redis, context.namespace, context.tiers.coarse, candidates.map(queueSeries), Math.max(plan.from, plan.to - RANKING_SPAN_MS), plan.to);
  const chosen = candidates
    .map((ref, index) => {
      const record = mergeSlots(ranking[index] ?? []);
      return { ref, finished: record.completed + record.failed };
    })
    .filter((candidate) => candidate.finished > 0)
    .sort((a, b) => b.finished - a.finished || a.ref.name.localeCompare(b.ref.name))
    .slice(0, Math.min(limit, MAX_COMPARED_QUEUES))
    .map((candidate) => candidate.ref);
  const slots = await readSlots(context.redis, context.namespace, plan.tier, chosen.map(queueSeries), plan.from, plan.to);
  const queues = chosen
    .map((ref, index) => {
      const points = buildPoints(slots[index] ?? [], plan.from, plan.to, plan.stepMs);
      return { prefix: ref.prefix, name: ref.name, finished: points.reduce((sum, point) => sum + point.completed + point.failed, 0), points };
    })
    .filter((queue) => queue.finished > 0)
    .sort((a, b) => b.finished - a.finished || a.name.localeCompare(b.name));
  return { queues, queuesRead: candidates.length, step: plan.stepMs / 1000, resolution: plan.tier.label, from: plan.from, to: plan.to };
}
