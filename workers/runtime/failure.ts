import { Backoffs, UnrecoverableError, type Job } from 'bullmq';
import { backoffDelayMs, decideRetry, type RetryDecision } from './retry';
import type { Run } from './run';

/** Backoff type the runtime puts on jobs it fails, so BullMQ asks it (not a built-in strategy) when to retry. */
export const RUNTIME_BACKOFF = 'lookout';

export interface FailureContext {
  /** The worker's --tries, for jobs that set no attempts. */
  tries: number;
  /** Counts this exception for the job and answers the total (only called when the definition has maxExceptions). */
  countException(job: Job): Promise<number>;
}

/**
 * Decides whether a failed attempt is retried, and when. BullMQ then makes the move: it decides from the job's
 * attempts and asks our backoff strategy for the delay, so both are set here (in memory) to agree with us.
 */
export async function decideFailure(
  job: Job,
  run: Run,
  error: Error,
  how: { timedOut?: boolean; permanent?: boolean },
  context: FailureContext,
): Promise<RetryDecision> {
  const definition = run.definition;
  const attempt = job.attemptsMade + 1;
  // BullMQ fills in `attempts: 0` when a producer sets none: that is where the worker's --tries applies.
  const maxAttempts = job.opts.attempts && job.opts.attempts > 0 ? job.opts.attempts : context.tries;
  const maxExceptions = definition?.maxExceptions;
  const decision = decideRetry({
    attempt,
    maxAttempts,
    exceptions: maxExceptions !== undefined && !how.timedOut ? await context.countException(job) : 0,
    maxExceptions,
    deadline: definition?.retryUntil !== undefined ? job.timestamp + definition.retryUntil * 1000 : null,
    permanent: how.permanent === true || error instanceof UnrecoverableError || error.name === 'UnrecoverableError',
    delayMs: definition?.backoff !== undefined ? backoffDelayMs(definition.backoff, attempt, error) : await producerBackoffMs(job, attempt, error),
    now: Date.now(),
  });
  job.opts.attempts = maxAttempts;
  job.opts.backoff = { type: RUNTIME_BACKOFF };
  return decision;
}

/** The delay a plain BullMQ producer's backoff option asks for (jobs dispatched without our definitions). */
async function producerBackoffMs(job: Job, attempt: number, error: Error): Promise<number> {
  const backoff = job.opts.backoff === undefined ? undefined : Backoffs.normalize(job.opts.backoff);
  if (!backoff || !(backoff.type in Backoffs.builtinStrategies)) return 0;
  return Number(await Backoffs.calculate(backoff, attempt, error, job)) || 0;
}
