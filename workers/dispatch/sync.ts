import { invalid } from '../../lib/errors';
import type { JobDefinition } from '../define-job';
import { TimeoutError } from '../errors';
import { Attempt } from '../runtime/attempt';

let syncJobCounter = 0;

/**
 * Runs a job now, in this process, without Redis (Laravel's dispatchSync): for tests and scripts.
 * The definition's timeout applies; on failure `failed()` runs and the error is rethrown. release() is refused.
 */
export async function dispatchSync<D, R>(job: JobDefinition<D, R>, data: D): Promise<R> {
  const logs: string[] = [];
  const attempt = new Attempt<D>(
    { id: `sync-${++syncJobCounter}`, name: job.name, queue: job.queue, prefix: '', data, attemptsMade: 0, timestamp: Date.now() },
    null,
    {
      log: async (message) => logs.push(message),
      updateProgress: async () => undefined,
    },
  );
  const timeoutSeconds = job.timeout ?? 0;
  const timer = timeoutSeconds > 0 ? setTimeout(() => attempt.timeOut(new TimeoutError(job.name, timeoutSeconds)), timeoutSeconds * 1000) : null;
  const outcome = await attempt.run(job);
  if (timer) clearTimeout(timer);
  if (outcome.kind === 'completed' && attempt.releaseDelayMs === null) return outcome.value as R;
  const error =
    attempt.releaseDelayMs !== null
      ? invalid(`dispatchSync(${job.name}): release() needs a queue`)
      : outcome.kind === 'threw' || outcome.kind === 'timeout'
        ? outcome.error
        : new Error(`dispatchSync(${job.name}) was interrupted`);
  await job.failed?.(data, error, attempt.failedContext);
  throw error;
}
