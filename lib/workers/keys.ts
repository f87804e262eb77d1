/**
 * Lookout's own keys for the worker runtime, all under `lookout:`. Each key carries the BullMQ prefix its
 * workers serve, so deployments (and test runs) that use different prefixes never see each other's workers.
 * Every key the runtime and the API touch is built here and nowhere else.
 */
export const LOOKOUT_ROOT = 'lookout';

/** Sorted set of worker ids scored by their last heartbeat. */
export function workerIndexKey(prefix: string): string {
  return `${LOOKOUT_ROOT}:workers:${prefix}`;
}

/** One worker's heartbeat (JSON), expiring when the worker stops beating. */
export function workerHeartbeatKey(prefix: string, workerId: string): string {
  return `${LOOKOUT_ROOT}:worker:${prefix}:${workerId}`;
}

/** Sorted set of supervisor names scored by their last state write. */
export function supervisorIndexKey(prefix: string): string {
  return `${LOOKOUT_ROOT}:supervisors:${prefix}`;
}

/** One supervisor's state (JSON), expiring like a heartbeat. */
export function supervisorStateKey(prefix: string, name: string): string {
  return `${LOOKOUT_ROOT}:supervisor:${prefix}:${name}`;
}

/** Set while a supervisor is paused; its worker processes read it on every heartbeat. */
export function supervisorPauseKey(prefix: string, name: string): string {
  return `${LOOKOUT_ROOT}:supervisor-paused:${prefix}:${name}`;
}

/** When `lookout queue:restart` last ran (ms); workers started before it exit after their current job. */
export function restartSignalKey(prefix: string): string {
  return `${LOOKOUT_ROOT}:restart:${prefix}`;
}

/** Sliding-window log of admissions for one job rate limit key. */
export function rateLimitKey(prefix: string, limitKey: string): string {
  return `${LOOKOUT_ROOT}:rate-limit:${prefix}:${limitKey}`;
}

/** How many attempts of one job threw (timeouts excluded), for `maxExceptions`. */
export function exceptionCountKey(prefix: string, queue: string, jobId: string): string {
  return `${LOOKOUT_ROOT}:exceptions:${prefix}:${queue}:${jobId}`;
}

/** SCAN pattern for every Lookout worker-runtime key of one BullMQ prefix (tests clean up with it). */
export function runtimeKeysPattern(escapedPrefix: string): string {
  return `${LOOKOUT_ROOT}:*:${escapedPrefix}*`;
}
