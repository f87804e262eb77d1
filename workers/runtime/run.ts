import type { Job } from 'bullmq';
import type { JobDefinition } from '../define-job';
import { batchIdOf } from '../../lib/batches';
import { Attempt } from './attempt';
import type { RetryDecision } from './retry';

/** One attempt as the runtime tracks it, from the moment BullMQ hands over the job until after BullMQ moved it. */
export interface Run {
  attempt: Attempt;
  definition: JobDefinition | undefined;
  /** Set when the attempt failed: whether BullMQ retries it, and when. */
  decision: RetryDecision | null;
  /** When the job became runnable and when this attempt started, captured before BullMQ changes the job. */
  enqueuedAt: number;
  startedAt: number;
  /** When the attempt times out (ms since epoch), or null; the worker's sweeper enforces it. */
  deadline: number | null;
  timeoutSeconds: number;
}

export function startRun(job: Job, definition: JobDefinition | undefined, prefix: string): Run {
  const running = {
    id: job.id ?? '',
    name: job.name,
    queue: job.queueName,
    prefix,
    data: job.data as unknown,
    attemptsMade: job.attemptsMade,
    timestamp: job.timestamp,
  };
  return {
    attempt: new Attempt(running, batchIdOf(job), job),
    definition,
    decision: null,
    enqueuedAt: job.timestamp + (job.delay || 0),
    startedAt: job.processedOn ?? Date.now(),
    deadline: null,
    timeoutSeconds: 0,
  };
}
