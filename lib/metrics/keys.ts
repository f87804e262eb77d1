import { lookoutShardKey } from '../redis';

/**
 * Every key of Lookout's metrics store, under a namespace (LOOKOUT_NAMESPACE, `lookout` by default; tests use their
 * own). Queue names, prefixes and job names are percent-encoded, so a colon inside a name can never be mistaken for a
 * separator.
 *
 * Cluster layout (lib/redis lookoutShardKey): every key of one queue — its series, its job names' series, its totals,
 * its job-name index, its runtime marker and its fallback cursor — shares the hash tag `{<ns>:metrics:<prefix>:<queue>}`,
 * so one MULTI writes a queue's data atomically and queues spread over the masters like their BullMQ keys. The
 * all-queues series has a tag of its own, `{<ns>:metrics}`. A flush writes one MULTI per tag (write.ts).
 */
export type Series =
  | { kind: 'all' }
  | { kind: 'queue'; prefix: string; queue: string }
  | { kind: 'job'; prefix: string; queue: string; jobName: string };

export const ALL_QUEUES: Series = { kind: 'all' };

const part = (text: string) => encodeURIComponent(text);

/** The shard (hash tag) of a queue's metrics keys. */
function queueShard(prefix: string, queue: string): string {
  return `metrics:${part(prefix)}:${part(queue)}`;
}

const ALL_SHARD = 'metrics';

/** A hash holding one window of a series at one resolution: field = slot index in the window, value = a record. */
export function windowKey(namespace: string, tierLabel: string, series: Series, windowStart: number): string {
  const start = String(windowStart);
  switch (series.kind) {
    case 'all':
      return lookoutShardKey(namespace, ALL_SHARD, tierLabel, 'all', start);
    case 'queue':
      return lookoutShardKey(namespace, queueShard(series.prefix, series.queue), tierLabel, 'q', start);
    case 'job':
      return lookoutShardKey(namespace, queueShard(series.prefix, series.queue), tierLabel, 'j', part(series.jobName), start);
  }
}

/** A hash with one field, `all`: the queue's record since metrics began (Prometheus counters and histograms). */
export function totalsKey(namespace: string, prefix: string, queue: string): string {
  return lookoutShardKey(namespace, queueShard(prefix, queue), 'totals');
}
export const TOTALS_FIELD = 'all';

/** A sorted set of the job names seen in a queue, scored by when each was last seen. */
export function jobNamesKey(namespace: string, prefix: string, queue: string): string {
  return lookoutShardKey(namespace, queueShard(prefix, queue), 'names');
}

/** Set (with a short TTL) while Lookout's worker runtime records a queue's jobs itself. */
export function runtimeMarkerKey(namespace: string, prefix: string, queue: string): string {
  return lookoutShardKey(namespace, queueShard(prefix, queue), 'runtime');
}

/** A hash: how far the monitor has read a plain BullMQ queue's finished jobs. */
export function fallbackCursorKey(namespace: string, prefix: string, queue: string): string {
  return lookoutShardKey(namespace, queueShard(prefix, queue), 'fallback');
}
