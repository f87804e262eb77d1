import { execPerItem, hashedPart, type RedisClient } from '../redis';
import { decodeRecord } from './codec';
import { windowKey, type Series } from './keys';
import type { MetricRecord } from './record';
import type { Tier } from './tiers';

export interface SlotRecord {
  /** Start of the slot, ms since epoch. */
  t: number;
  record: MetricRecord;
}

interface WindowRead {
  series: number;
  key: string;
  windowStart: number;
  slots: number[];
}

/** The window hashes and slot fields that hold [from, to] of a series at one resolution. */
export function windowReads(tier: Tier, from: number, to: number): Array<{ windowStart: number; slots: number[] }> {
  const reads: Array<{ windowStart: number; slots: number[] }> = [];
  const slotsPerWindow = tier.windowMs / tier.resolutionMs;
  for (let windowStart = Math.floor(from / tier.windowMs) * tier.windowMs; windowStart <= to; windowStart += tier.windowMs) {
    const first = Math.max(0, Math.floor((from - windowStart) / tier.resolutionMs));
    const last = Math.min(slotsPerWindow - 1, Math.floor((to - windowStart) / tier.resolutionMs));
    const slots: number[] = [];
    for (let slot = first; slot <= last; slot++) slots.push(slot);
    if (slots.length) reads.push({ windowStart, slots });
  }
  return reads;
}

/**
 * Reads the slots of several series between `from` and `to` (inclusive) in one pipeline of HMGETs (on a cluster, one
 * per hash tag, i.e. per queue, all sent at once).
 */
export async function readSlots(redis: RedisClient, namespace: string, tier: Tier, seriesList: readonly Series[], from: number, to: number): Promise<SlotRecord[][]> {
  const plan: WindowRead[] = [];
  seriesList.forEach((series, index) => {
    for (const read of windowReads(tier, from, to)) plan.push({ series: index, key: windowKey(namespace, tier.label, series, read.windowStart), ...read });
  });
  const out: SlotRecord[][] = seriesList.map(() => []);
  if (plan.length === 0) return out;
  const results = await execPerItem(redis, plan, (read) => hashedPart(read.key), (pipeline, read) => {
    pipeline.hmget(read.key, ...read.slots.map(String));
  });
  plan.forEach((read, index) => {
    const [error, values] = results[index]?.[0] ?? [null, null];
    if (error || !Array.isArray(values)) return;
    values.forEach((value: unknown, position) => {
      const slot = read.slots[position];
      if (typeof value !== 'string' || slot === undefined) return;
      out[read.series]?.push({ t: read.windowStart + slot * tier.resolutionMs, record: decodeRecord(value) });
    });
  });
  return out;
}
