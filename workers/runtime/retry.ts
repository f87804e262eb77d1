import type { Backoff } from '../define-job';

/** `attempts` given to BullMQ when `retryUntil` alone bounds the retries. */
export const UNLIMITED_ATTEMPTS = Number.MAX_SAFE_INTEGER;

/** Milliseconds to wait after `attempt` (1-based) failed; 0 without a backoff. */
export function backoffDelayMs(backoff: Backoff | undefined, attempt: number, error: Error): number {
  if (backoff === undefined) return 0;
  let seconds: number;
  if (typeof backoff === 'number') seconds = backoff;
  else if (typeof backoff === 'function') seconds = backoff(attempt, error);
  else seconds = backoff[Math.min(attempt, backoff.length) - 1] ?? 0;
  return Number.isFinite(seconds) ? Math.max(0, Math.round(seconds * 1000)) : 0;
}

export interface FailureFacts {
  /** The attempt that just failed, 1-based. */
  attempt: number;
  maxAttempts: number;
  /** Attempts that threw so far, this one included (timeouts excluded); 0 when not counted. */
  exceptions: number;
  maxExceptions?: number;
  /** `retryUntil` as a timestamp, or null. */
  deadline: number | null;
  /** The error can never go away by retrying (unknown job name, BullMQ's UnrecoverableError). */
  permanent: boolean;
  delayMs: number;
  now: number;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'permanent' | 'attempts' | 'exceptions' | 'deadline' };

/** Whether a failed attempt is retried, and when; every limit of the definition is checked here. */
export function decideRetry(facts: FailureFacts): RetryDecision {
  if (facts.permanent) return { retry: false, reason: 'permanent' };
  if (facts.attempt >= facts.maxAttempts) return { retry: false, reason: 'attempts' };
  if (facts.maxExceptions !== undefined && facts.exceptions >= facts.maxExceptions) return { retry: false, reason: 'exceptions' };
  if (facts.deadline !== null && facts.now + facts.delayMs > facts.deadline) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs: facts.delayMs };
}
