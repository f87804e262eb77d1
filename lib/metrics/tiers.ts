/**
 * The two resolutions metrics are kept at. Every write goes to both (counts add up, so a 15-minute bucket
 * is exactly the sum of its 1-minute buckets) and each window hash expires on its own once its last slot
 * is older than the tier's retention: memory stays bounded without a clean-up job.
 */
export interface Tier {
  label: '1m' | '15m';
  resolutionMs: number;
  /** Slots are grouped in one hash per window: fewer keys, and a hash small enough to read in one HMGET. */
  windowMs: number;
  retentionMs: number;
}

export interface Tiers {
  fine: Tier;
  coarse: Tier;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function buildTiers(retention: { fineMs?: number; coarseMs?: number } = {}): Tiers {
  return {
    fine: { label: '1m', resolutionMs: MINUTE_MS, windowMs: HOUR_MS, retentionMs: retention.fineMs ?? 48 * HOUR_MS },
    coarse: { label: '15m', resolutionMs: 15 * MINUTE_MS, windowMs: DAY_MS, retentionMs: retention.coarseMs ?? 30 * DAY_MS },
  };
}

export function tierList(tiers: Tiers): Tier[] {
  return [tiers.fine, tiers.coarse];
}

export interface SlotPosition {
  windowStart: number;
  /** Index of the slot inside its window: the hash field. */
  slot: number;
  slotStart: number;
}

export function slotOf(tier: Tier, at: number): SlotPosition {
  const slotStart = Math.floor(at / tier.resolutionMs) * tier.resolutionMs;
  const windowStart = Math.floor(at / tier.windowMs) * tier.windowMs;
  return { windowStart, slot: (slotStart - windowStart) / tier.resolutionMs, slotStart };
}

/** When a window hash may go: its last slot has left the retention period. */
export function windowExpiresAt(tier: Tier, windowStart: number): number {
  return windowStart + tier.windowMs + tier.retentionMs;
}
