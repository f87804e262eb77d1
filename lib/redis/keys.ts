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
