/**
 * Every key of Lookout's metrics store, under a namespace (`lookout` unless LOOKOUT_KEY_PREFIX says
 * otherwise; tests use their own). Queue names, prefixes and job names are percent-encoded, so a colon
 * inside a name can never be mistaken for a separator.
 */
export type Series =
  | { kind: 'all' }
  | { kind: 'queue'; prefix: string; queue: string }
  | { kind: 'job'; prefix: string; queue: string; jobName: string };

export const ALL_QUEUES: Series = { kind: 'all' };

const part = (text: string) => encodeURIComponent(text);

function queuePart(prefix: string, queue: string): string {
  return `${part(prefix)}:${part(queue)}`;
}

export function seriesId(series: Series): string {
  switch (series.kind) {
    case 'all':
      return 'all';
    case 'queue':
      return `q:${queuePart(series.prefix, series.queue)}`;
    case 'job':
      return `j:${queuePart(series.prefix, series.queue)}:${part(series.jobName)}`;
  }
}

/** A hash holding one window of a series at one resolution: field = slot index in the window, value = a record. */
export function windowKey(namespace: string, tierLabel: string, series: Series, windowStart: number): string {
  return `${namespace}:metrics:${tierLabel}:${seriesId(series)}:${windowStart}`;
}

/** A hash with one field, `all`: the queue's record since metrics began (Prometheus counters and histograms). */
export function totalsKey(namespace: string, prefix: string, queue: string): string {
  return `${namespace}:metrics:totals:${queuePart(prefix, queue)}`;
}
export const TOTALS_FIELD = 'all';

/** A sorted set of the job names seen in a queue, scored by when each was last seen. */
export function jobNamesKey(namespace: string, prefix: string, queue: string): string {
  return `${namespace}:metrics:names:${queuePart(prefix, queue)}`;
}

/** Set (with a short TTL) while Lookout's worker runtime records a queue's jobs itself. */
export function runtimeMarkerKey(namespace: string, prefix: string, queue: string): string {
  return `${namespace}:metrics:runtime:${queuePart(prefix, queue)}`;
}

/** A hash: how far the monitor has read a plain BullMQ queue's finished jobs. */
export function fallbackCursorKey(namespace: string, prefix: string, queue: string): string {
  return `${namespace}:metrics:fallback:${queuePart(prefix, queue)}`;
}
