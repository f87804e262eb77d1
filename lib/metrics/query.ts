import type { RedisClient } from '../redis';
import type { Series } from './keys';
import { buildPoints } from './points';
import { readSlots } from './read';
import { HOUR_MS, type Tier, type Tiers } from './tiers';
import type { MetricsSeriesResponse } from './types';

/** Charts stay fast on 30 days because no answer has more points than this (plus the partial ends). */
export const MAX_POINTS = 500;

export interface RangeQuery {
  from?: number;
  to?: number;
  /** The last this-many ms up to `to` (instead of `from`), measured on the server's clock. */
  lastMs?: number;
  stepMs?: number;
}

export interface QueryPlan {
  tier: Tier;
  from: number;
  to: number;
  stepMs: number;
}

function roundUpTo(value: number, unit: number): number {
  return Math.ceil(value / unit) * unit;
}

/**
 * Picks the resolution and step for a range: 1-minute buckets while the whole range is within their
 * retention, 15-minute buckets otherwise, and a step (a multiple of the resolution) wide enough for at most
 * MAX_POINTS points. The range is cut to what is retained and never runs past `now`; the last point is the
 * step in progress.
 */
export function planQuery(tiers: Tiers, now: number, query: RangeQuery, maxPoints = MAX_POINTS): QueryPlan {
  const to = Math.min(query.to ?? now, now);
  const requestedFrom = query.lastMs !== undefined ? to - query.lastMs : (query.from ?? to - HOUR_MS);
  const tier = requestedFrom >= now - tiers.fine.retentionMs ? tiers.fine : tiers.coarse;
  const earliest = Math.min(to, Math.max(requestedFrom, now - tier.retentionMs));
  const widest = roundUpTo(Math.max(1, to - earliest) / maxPoints, tier.resolutionMs);
  const stepMs = Math.max(tier.resolutionMs, roundUpTo(query.stepMs ?? 0, tier.resolutionMs), widest);
  // The first point starts on a step boundary inside the range, so every point covers a whole step.
  return { tier, from: Math.min(roundUpTo(earliest, stepMs), Math.floor(to / stepMs) * stepMs), to, stepMs };
}

export interface SeriesQueryContext {
  redis: RedisClient;
  namespace: string;
  tiers: Tiers;
  now: number;
}

export async function querySeries(context: SeriesQueryContext, series: Series, query: RangeQuery): Promise<MetricsSeriesResponse> {
  const plan = planQuery(context.tiers, context.now, query);
  const [slots = []] = await readSlots(context.redis, context.namespace, plan.tier, [series], plan.from, plan.to);
  return {
    points: buildPoints(slots, plan.from, plan.to, plan.stepMs),
    step: plan.stepMs / 1000,
    resolution: plan.tier.label,
    from: plan.from,
    to: plan.to,
  };
}
