import type { Redis } from 'ioredis';
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

export interface PlannedWrites {
  windows: Map<string, WindowWrite>;
  totals: Map<string, MetricRecord>;
  /** Job names per queue with when each was last seen. */
  jobNames: Map<string, Map<string, number>>;
  queues: Map<string, { prefix: string; queue: string }>;
}

export interface WriteOptions {
  namespace: string;
  tiers: Tiers;
  now: number;
  /** Set by the worker runtime's recorder: tells the monitor's BullMQ fallback to leave these queues alone. */
  runtimeMarkerTtlMs?: number;
}

/**
 * Turns a batch into the records to merge: every per-minute entry goes to its queue's series, its job
 * name's series and the all-queues series, at both resolutions. Buckets already past retention are dropped.
 */
export function planWrites(batch: MetricsBatch, options: Pick<WriteOptions, 'namespace' | 'tiers' | 'now'>): PlannedWrites {
  const plan: PlannedWrites = { windows: new Map(), totals: new Map(), jobNames: new Map(), queues: new Map() };
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
    plan.queues.set(key, { prefix, queue });
  }
  for (const sample of batch.gaugeEntries) {
    add(sample.series, sample.minute, { ...emptyRecord(), gauges: sample.gauges });
  }
  return plan;
}

/** Writes a batch in one MULTI (one round trip): all of it lands, or none of it and the caller may retry. */
export async function writeBatch(redis: Redis, batch: MetricsBatch, options: WriteOptions): Promise<void> {
  if (batch.size === 0) return;
  const plan = planWrites(batch, options);
  const keepMs = options.tiers.coarse.retentionMs;
  const multi = withMergeScript(redis).multi();
  for (const write of plan.windows.values()) {
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
    for (const { prefix, queue } of plan.queues.values()) {
      multi.set(runtimeMarkerKey(options.namespace, prefix, queue), String(options.now), 'PX', options.runtimeMarkerTtlMs);
    }
  }
  for (const [key, fields] of batch.hashWrites) {
    multi.hset(key, fields);
    multi.pexpire(key, keepMs);
  }
  const results = (await multi.exec()) ?? [];
  const failure = results.find(([error]) => error !== null);
  if (failure?.[0]) throw failure[0];
}
