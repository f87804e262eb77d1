import { hashedPart, isCluster, type RedisClient } from '../redis';
import type { MetricsBatch } from './batch';
import { encodeRecord } from './codec';
import { jobNamesKey, runtimeMarkerKey, totalsKey, TOTALS_FIELD, windowKey, type Series } from './keys';
import { withMergeScript } from './merge-script';
import { copyRecord, emptyRecord, mergeRecord, type MetricRecord } from './record';
import { slotOf, tierList, windowExpiresAt, type Tiers } from './tiers';

export interface WindowWrite {
  key: string;
  expireAt: number;
  slots: Map<number, MetricRecord>;
}

/** What a flush writes, by key: mergeable, so writes that did not land can be merged into the next flush. */
export interface PlannedWrites {
  windows: Map<string, WindowWrite>;
  totals: Map<string, MetricRecord>;
  /** Job names per index key with when each was last seen. */
  jobNames: Map<string, Map<string, number>>;
  /** Runtime marker keys to set (only when the writer is the worker runtime). */
  runtimeMarkers: Set<string>;
  /** Hashes to overwrite (the fallback's read positions). */
  hashes: Map<string, Record<string, string>>;
}

export interface WriteOptions {
  namespace: string;
  tiers: Tiers;
  now: number;
  /** Set by the worker runtime's recorder: tells the monitor's BullMQ fallback to leave these queues alone. */
  runtimeMarkerTtlMs?: number;
}

/** A write that did not (fully) land: `unwritten` holds what is missing, to merge into a later write. */
export class MetricsWriteError extends Error {
  override name = 'MetricsWriteError';
  constructor(
    readonly unwritten: PlannedWrites,
    readonly causes: readonly unknown[],
  ) {
    super(causes.map((cause) => (cause instanceof Error ? cause.message : String(cause))).join('; '));
  }
}

export function emptyPlan(): PlannedWrites {
  return { windows: new Map(), totals: new Map(), jobNames: new Map(), runtimeMarkers: new Set(), hashes: new Map() };
}

/**
 * Turns a batch into the records to merge: every per-minute entry goes to its queue's series, its job
 * name's series and the all-queues series, at both resolutions. Buckets already past retention are dropped.
 */
export function planWrites(batch: MetricsBatch, options: Pick<WriteOptions, 'namespace' | 'tiers' | 'now' | 'runtimeMarkerTtlMs'>): PlannedWrites {
  const plan = emptyPlan();
  const tiers = tierList(options.tiers);

  const add = (series: Series, at: number, record: MetricRecord) => {
    for (const tier of tiers) {
      const { windowStart, slot } = slotOf(tier, at);
      const expireAt = windowExpiresAt(tier, windowStart);
      if (expireAt <= options.now) continue;
      const key = windowKey(options.namespace, tier.label, series, windowStart);
      let write = plan.windows.get(key);
      if (!write) {
        write = { key, expireAt, slots: new Map() };
        plan.windows.set(key, write);
      }
      const existing = write.slots.get(slot);
      write.slots.set(slot, existing ? mergeRecord(existing, record) : copyRecord(record));
    }
  };

  for (const entry of batch.jobEntries) {
    const { prefix, queue, jobName, minute, record } = entry;
    add({ kind: 'all' }, minute, record);
    add({ kind: 'queue', prefix, queue }, minute, record);
    if (jobName !== null) {
      add({ kind: 'job', prefix, queue, jobName }, minute, record);
      const namesKey = jobNamesKey(options.namespace, prefix, queue);
      const names = plan.jobNames.get(namesKey) ?? new Map<string, number>();
      names.set(jobName, Math.max(names.get(jobName) ?? 0, minute));
      plan.jobNames.set(namesKey, names);
    }
    const key = totalsKey(options.namespace, prefix, queue);
    plan.totals.set(key, mergeRecord(plan.totals.get(key) ?? emptyRecord(), record));
    if (options.runtimeMarkerTtlMs) plan.runtimeMarkers.add(runtimeMarkerKey(options.namespace, prefix, queue));
  }
  for (const sample of batch.gaugeEntries) {
    add(sample.series, sample.minute, { ...emptyRecord(), gauges: sample.gauges });
  }
  for (const [key, fields] of batch.hashWrites) plan.hashes.set(key, fields);
  return plan;
}

/** Merges an older plan into a newer one (`into`), e.g. writes that failed into the next flush. */
export function mergePlans(into: PlannedWrites, older: PlannedWrites): PlannedWrites {
  for (const [key, write] of older.windows) {
    const target = into.windows.get(key);
    if (!target) {
      into.windows.set(key, write);
      continue;
    }
    target.expireAt = Math.max(target.expireAt, write.expireAt);
    for (const [slot, record] of write.slots) {
      const existing = target.slots.get(slot);
      target.slots.set(slot, existing ? mergeRecord(existing, record) : record);
    }
  }
  for (const [key, record] of older.totals) {
    const existing = into.totals.get(key);
    into.totals.set(key, existing ? mergeRecord(existing, record) : record);
  }
  for (const [key, names] of older.jobNames) {
    const target = into.jobNames.get(key) ?? new Map<string, number>();
    for (const [name, seenAt] of names) target.set(name, Math.max(target.get(name) ?? 0, seenAt));
    into.jobNames.set(key, target);
  }
  for (const key of older.runtimeMarkers) into.runtimeMarkers.add(key);
  // A newer read position wins over an older one.
  for (const [key, fields] of older.hashes) if (!into.hashes.has(key)) into.hashes.set(key, fields);
  return into;
}

/** How many buckets and keys a plan writes: what bounds the memory of writes kept for a retry. */
export function planSize(plan: PlannedWrites): number {
  let size = plan.totals.size + plan.jobNames.size + plan.runtimeMarkers.size + plan.hashes.size;
  for (const write of plan.windows.values()) size += write.slots.size;
  return size;
}

/** Splits a plan by the cluster slot (hash tag) of its keys: each part may go in one MULTI on a cluster. */
export function splitByShard(plan: PlannedWrites): Map<string, PlannedWrites> {
  const parts = new Map<string, PlannedWrites>();
  const partOf = (key: string) => {
    const shard = hashedPart(key);
    let part = parts.get(shard);
    if (!part) {
      part = emptyPlan();
      parts.set(shard, part);
    }
    return part;
  };
  for (const [key, write] of plan.windows) partOf(key).windows.set(key, write);
  for (const [key, record] of plan.totals) partOf(key).totals.set(key, record);
  for (const [key, names] of plan.jobNames) partOf(key).jobNames.set(key, names);
  for (const key of plan.runtimeMarkers) partOf(key).runtimeMarkers.add(key);
  for (const [key, fields] of plan.hashes) partOf(key).hashes.set(key, fields);
  return parts;
}

/** Writes a plan in one MULTI (one round trip): all of it lands, or the caller gets it back to retry. */
async function writeTransaction(redis: RedisClient, plan: PlannedWrites, options: WriteOptions): Promise<void> {
  const keepMs = options.tiers.coarse.retentionMs;
  const multi = withMergeScript(redis).multi();
  for (const write of plan.windows.values()) {
    // A window kept for a retry may have expired meanwhile; writing it would only expire it again.
    if (write.expireAt <= options.now) continue;
    const args: string[] = [];
    for (const [slot, record] of write.slots) args.push(String(slot), encodeRecord(record));
    multi.lookoutMergeRecords(write.key, write.expireAt, ...args);
  }
  for (const [key, record] of plan.totals) multi.lookoutMergeRecords(key, options.now + keepMs, TOTALS_FIELD, encodeRecord(record));
  for (const [key, names] of plan.jobNames) {
    multi.zadd(key, ...[...names].flatMap(([name, seenAt]) => [seenAt, name]));
    multi.zremrangebyscore(key, '-inf', options.now - keepMs);
    multi.pexpire(key, keepMs);
  }
  if (options.runtimeMarkerTtlMs) {
    for (const key of plan.runtimeMarkers) multi.set(key, String(options.now), 'PX', options.runtimeMarkerTtlMs);
  }
  for (const [key, fields] of plan.hashes) {
    multi.hset(key, fields);
    multi.pexpire(key, keepMs);
  }
  if (multi.length === 0) return;
  const results = (await multi.exec()) ?? [];
  const failure = results.find(([error]) => error !== null);
  if (failure?.[0]) throw failure[0];
}

/**
 * Writes a plan. On one Redis that is one MULTI. On a cluster a MULTI may only touch one slot, so the plan goes as one
 * MULTI per hash tag (per queue, plus one for the all-queues series), all sent at once; each queue's data still lands
 * atomically. Throws a MetricsWriteError holding exactly the parts that did not land.
 */
export async function writePlan(redis: RedisClient, plan: PlannedWrites, options: WriteOptions): Promise<void> {
  if (!isCluster(redis)) {
    try {
      await writeTransaction(redis, plan, options);
    } catch (error) {
      throw new MetricsWriteError(plan, [error]);
    }
    return;
  }
  const parts = [...splitByShard(plan).values()];
  const outcomes = await Promise.allSettled(parts.map((part) => writeTransaction(redis, part, options)));
  const unwritten = emptyPlan();
  const causes: unknown[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') return;
    causes.push(outcome.reason);
    mergePlans(unwritten, parts[index] as PlannedWrites);
  });
  if (causes.length) throw new MetricsWriteError(unwritten, causes);
}

/** Plans a batch and writes it (see writePlan). */
export async function writeBatch(redis: RedisClient, batch: MetricsBatch, options: WriteOptions): Promise<void> {
  if (batch.size === 0) return;
  await writePlan(redis, planWrites(batch, options), options);
}
