import { escapeGlob, lookoutShardKey } from '../redis';

/**
 * Lookout's own keys for the worker runtime, all under `lookout`. Each key carries the BullMQ prefix its
 * workers serve, so deployments (and test runs) that use different prefixes never see each other's workers.
 * Every key the runtime and the API touch is built here and nowhere else.
 *
 * Presence keys (heartbeats, supervisor states, pause flags, the restart signal) of one prefix share the hash tag
 * `{lookout:workers:<prefix>}` (lib/redis lookoutShardKey): a heartbeat's MULTI writes the record and its index and
 * reads the restart signal and the pause flag in one slot, so it works on a Redis Cluster. The other keys below are
 * only ever touched one at a time.
 */
export const LOOKOUT_ROOT = 'lookout';

const presenceKey = (prefix: string, ...parts: string[]) => lookoutShardKey(LOOKOUT_ROOT, `workers:${prefix}`, ...parts);

/** Sorted set of worker ids scored by their last heartbeat. */
export function workerIndexKey(prefix: string): string {
  return presenceKey(prefix, 'workers');
}

/** One worker's heartbeat (JSON), expiring when the worker stops beating. */
export function workerHeartbeatKey(prefix: string, workerId: string): string {
  return presenceKey(prefix, 'worker', workerId);
}

/** Sorted set of supervisor names scored by their last state write. */
export function supervisorIndexKey(prefix: string): string {
  return presenceKey(prefix, 'supervisors');
}

/** One supervisor's state (JSON), expiring like a heartbeat. */
export function supervisorStateKey(prefix: string, name: string): string {
  return presenceKey(prefix, 'supervisor', name);
}

/** Set while a supervisor is paused; its worker processes read it on every heartbeat. */
export function supervisorPauseKey(prefix: string, name: string): string {
  return presenceKey(prefix, 'supervisor-paused', name);
}

/** When `lookout queue:restart` last ran (ms); workers started before it exit after their current job. */
export function restartSignalKey(prefix: string): string {
  return presenceKey(prefix, 'restart');
}

/** Sliding-window log of admissions for one job rate limit key. */
export function rateLimitKey(prefix: string, limitKey: string): string {
  return `${LOOKOUT_ROOT}:rate-limit:${prefix}:${limitKey}`;
}

/** How many attempts of one job threw (timeouts excluded), for `maxExceptions`. */
export function exceptionCountKey(prefix: string, queue: string, jobId: string): string {
  return `${LOOKOUT_ROOT}:exceptions:${prefix}:${queue}:${jobId}`;
}

/** SCAN patterns matching every Lookout worker-runtime key of one BullMQ prefix (tests clean up with them). */
export function runtimeKeysPatterns(prefix: string): string[] {
  const presence = escapeGlob(presenceKey(prefix, ''));
  return [`${LOOKOUT_ROOT}:*:${escapeGlob(prefix)}*`, `${presence}*`];
}
