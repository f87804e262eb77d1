/** How many processes a supervisor wants next, given its backlog (Horizon's auto balancing, by backlog). */
export interface ScalingInput {
  /** Jobs waiting (and prioritized) in the supervisor's queues. */
  backlog: number;
  current: number;
  min: number;
  max: number;
  /** Backlog one process is expected to handle; more than that asks for another process. */
  backlogPerProcess: number;
  /** Most processes added or removed in one step, so a burst does not fork a crowd at once. */
  maxShift: number;
}

export function desiredProcessCount(input: ScalingInput): number {
  const ideal = Math.min(input.max, Math.max(input.min, Math.ceil(input.backlog / Math.max(1, input.backlogPerProcess))));
  if (ideal > input.current) return Math.min(ideal, input.current + input.maxShift);
  if (ideal < input.current) return Math.max(ideal, input.current - input.maxShift);
  return ideal;
}

export interface RestartBackoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoff = { initialMs: 1000, maxMs: 60_000 };

/** Wait before restarting a process that crashed `crashes` times in a row (doubling, capped). */
export function restartDelayMs(crashes: number, backoff: RestartBackoff = DEFAULT_RESTART_BACKOFF): number {
  if (crashes <= 0) return 0;
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** (crashes - 1));
}
