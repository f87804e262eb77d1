/**
 * BullMQ's key layout (`<prefix>:<queue>:<suffix>`, one hash per job at `<prefix>:<queue>:<id>`).
 * Every key Lookout reads from BullMQ is built here and nowhere else.
 */
export const BULL_SUFFIX = {
  wait: 'wait',
  paused: 'paused',
  active: 'active',
  delayed: 'delayed',
  prioritized: 'prioritized',
  waitingChildren: 'waiting-children',
  completed: 'completed',
  failed: 'failed',
  meta: 'meta',
  id: 'id',
} as const;

export type BullSuffix = (typeof BULL_SUFFIX)[keyof typeof BULL_SUFFIX];

export function queueKey(prefix: string, queue: string, suffix: BullSuffix): string {
  return `${prefix}:${queue}:${suffix}`;
}

export function jobKey(prefix: string, queue: string, jobId: string): string {
  return `${prefix}:${queue}:${jobId}`;
}

/** Keys BullMQ keeps beside a parent job's hash for its children (each member is a child's full job key). */
export const JOB_CHILDREN_SUFFIX = {
  /** Set of children not finished yet. */
  pending: 'dependencies',
  /** Hash child key → return value (JSON) of children that completed. */
  processed: 'processed',
  /** Hash child key → failedReason of children that failed with ignoreDependencyOnFailure (or continueParentOnFailure). */
  ignored: 'failed',
  /** Sorted set of children that failed with failParentOnFailure, scored by when. */
  unsuccessful: 'unsuccessful',
} as const;

export type JobChildrenSuffix = (typeof JOB_CHILDREN_SUFFIX)[keyof typeof JOB_CHILDREN_SUFFIX];

export function jobChildrenKey(prefix: string, queue: string, jobId: string, suffix: JobChildrenSuffix): string {
  return `${jobKey(prefix, queue, jobId)}:${suffix}`;
}

/**
 * Reads `<prefix>:<queue>:<id>` back (BullMQ stores children and parents as full job keys). A known prefix is matched
 * first, so a queue name with colons survives; job ids never contain one (BullMQ refuses them).
 */
export function parseJobKey(key: string, knownPrefixes: readonly string[] = []): { prefix: string; queue: string; id: string } | null {
  const lastColon = key.lastIndexOf(':');
  if (lastColon <= 0 || lastColon === key.length - 1) return null;
  const id = key.slice(lastColon + 1);
  const head = key.slice(0, lastColon);
  const prefix = knownPrefixes.find((candidate) => head.startsWith(`${candidate}:`) && head.length > candidate.length + 1);
  if (prefix !== undefined) return { prefix, queue: head.slice(prefix.length + 1), id };
  const queueColon = head.lastIndexOf(':');
  if (queueColon <= 0 || queueColon === head.length - 1) return null;
  return { prefix: head.slice(0, queueColon), queue: head.slice(queueColon + 1), id };
}

/** BullMQ's per-minute metrics (a hash with a running `count`), kept when workers run with `metrics: { maxDataPoints }`. */
export function bullMetricsKey(prefix: string, queue: string, state: 'completed' | 'failed'): string {
  return `${prefix}:${queue}:metrics:${state}`;
}

export function jobLogsKey(prefix: string, queue: string, jobId: string): string {
  return `${jobKey(prefix, queue, jobId)}:logs`;
}

/** The CLIENT SETNAME BullMQ gives a worker's blocking connection: `<prefix>:<base64(queue)>`. */
export function workerClientName(prefix: string, queue: string): string {
  return `${prefix}:${Buffer.from(queue).toString('base64')}`;
}

/** Escapes glob metacharacters so a prefix can be used inside a SCAN MATCH pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

/** Keys that exist for every queue BullMQ has written to; discovery looks for these. */
export const DISCOVERY_SUFFIXES: readonly BullSuffix[] = [BULL_SUFFIX.meta, BULL_SUFFIX.id];

/** SCAN pattern matching `<prefix>:<queue>:meta` and `<prefix>:<queue>:id` (filtered exactly afterwards). */
export function discoveryPattern(prefix: string): string {
  return `${escapeGlob(prefix)}:*:[mi][ed]*`;
}

/** Reads the queue name back from a discovery key, or null when the key is not one. */
export function queueNameFromDiscoveryKey(prefix: string, key: string): string | null {
  const head = `${prefix}:`;
  if (!key.startsWith(head)) return null;
  for (const suffix of DISCOVERY_SUFFIXES) {
    const tail = `:${suffix}`;
    if (key.endsWith(tail) && key.length > head.length + tail.length) {
      return key.slice(head.length, key.length - tail.length);
    }
  }
  return null;
}

/**
 * The part of a key Redis Cluster hashes to pick its slot: the text between the first `{` and the next `}` when
 * that is not empty (a hash tag), otherwise the whole key. Keys with the same hashed part share a slot.
 */
export function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/**
 * The hash tag shared by every key of a queue (`<prefix>:<queue>:…`), or null when its keys spread over slots.
 * BullMQ's scripts need one on a cluster; it comes from the prefix (`{bull}`) or from the queue name (`{emails}`).
 */
export function queueHashTag(prefix: string, queue: string): string | null {
  const head = `${prefix}:${queue}:`;
  const hashed = hashedPart(head);
  return hashed === head ? null : hashed;
}

/** Default namespace of Lookout's own keys (LOOKOUT_NAMESPACE overrides it for alerts). */
export const LOOKOUT_NAMESPACE = 'lookout';

/**
 * Lookout's own keys: `{<namespace>}:<part>:<part>…`. The hash tag puts all of them in one cluster slot, so any
 * Lua script or MULTI may combine them (the alert commit checks the leader lock next to the alert state; the login
 * limiter counts per address and per user in one MULTI). Features that write a lot (per-job metrics) should use
 * lookoutShardKey instead, so they spread over the masters.
 */
export function lookoutKey(namespace: string, ...parts: string[]): string {
  return [`{${namespace}}`, ...parts].join(':');
}

/**
 * A key in a slot of its own per shard: `{<namespace>:<shard>}:<part>…` (e.g. shard `metrics:<queue>`). Keys of one
 * shard may be combined in one script; keys of different shards, or with lookoutKey keys, may not. A `}` in the
 * shard (a queue name, say) would end the hash tag early, so it is escaped as `%7D` (and `%` as `%25`).
 */
export function lookoutShardKey(namespace: string, shard: string, ...parts: string[]): string {
  const escaped = shard.replace(/[%}]/g, (char) => (char === '%' ? '%25' : '%7D'));
  return [`{${namespace}:${escaped}}`, ...parts].join(':');
}

/** SCAN pattern matching every key lookoutKey and lookoutShardKey build for a namespace. */
export function lookoutKeyPattern(namespace: string): string {
  return `{${escapeGlob(namespace)}[}:]*`;
}
