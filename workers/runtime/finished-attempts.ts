import type { Job } from 'bullmq';
import type { RedisClient } from '../../lib/redis';
import type { JobFinishedEvent, JobMetricsSink } from '../../lib/metrics';
import { exceptionCountKey } from '../../lib/workers';
import type { JobDefinition } from '../define-job';
import { batchOfMember, type BatchStore } from '../../lib/batches';
import type { Run } from './run';
import { errorMessage } from '../errors';

export interface FinishedAttemptsOptions {
  prefix: string;
  redis: RedisClient;
  batches: BatchStore;
  metrics?: JobMetricsSink;
  log: (line: string) => void;
}


/**
 * What happens after BullMQ moved a job (its `completed` and `failed` events): counts for the heartbeat, an
 * event per finished attempt for the metrics sink, failed() once after the last attempt, a batch cancelled by
 * its first failure, and freeing what the job held. The async follow-ups are tracked so a stop waits for them.
 */
export class FinishedAttempts {
  processed = 0;
  failed = 0;
  /** Runs of jobs BullMQ is processing; forgotten once processJob returned (its events have fired by then). */
  private readonly runs = new Map<Job, Run>();
  private readonly followUps = new Set<Promise<unknown>>();

  constructor(private readonly options: FinishedAttemptsOptions) {}

  track(job: Job, run: Run): void {
    this.runs.set(job, run);
  }

  forget(job: Job): void {
    this.runs.delete(job);
  }

  /** BullMQ's backoff strategy hook: the decided delay, or -1 for "do not retry". */
  retryDelay(job: unknown): number {
    const decision = typeof job === 'object' && job !== null ? this.runs.get(job as Job)?.decision : undefined;
    return decision?.retry ? decision.delayMs : -1;
  }

  completed(job: Job): void {
    this.processed++;
    const run = this.runs.get(job);
    this.record(job, run, 'completed', true);
    const definition = run?.definition;
    if (definition?.unique?.ttl !== undefined || definition?.maxExceptions !== undefined) this.follow(this.cleanUp(job, definition));
  }

  failedAttempt(job: Job, error: Error): void {
    this.processed++;
    this.failed++;
    const run = this.runs.get(job);
    const final = run?.decision ? !run.decision.retry : true;
    this.record(job, run, 'failed', final);
    if (final) this.follow(this.afterFinalFailure(job, run, error));
  }

  /** Resolves once every follow-up started so far is done. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.followUps]);
  }

  /** failed() runs here: after BullMQ moved the job to failed, once. */
  private async afterFinalFailure(job: Job, run: Run | undefined, error: Error): Promise<void> {
    const definition = run?.definition;
    if (definition?.failed && run) {
      try {
        await definition.failed(job.data, error, run.attempt.failedContext);
      } catch (hookError) {
        this.options.log(`[lookout] failed() of ${job.name} threw: ${errorMessage(hookError)}`);
      }
    }
    const memberOf = batchOfMember(job);
    if (memberOf !== null) await this.options.batches.cancelOnFailure(memberOf);
    if (definition) await this.cleanUp(job, definition);
  }

  /** Frees what a finished job held: its unique key (BullMQ keeps a ttl'd one until it expires) and its exception count. */
  private async cleanUp(job: Job, definition: JobDefinition): Promise<void> {
    if (definition.unique?.ttl !== undefined) await job.removeDeduplicationKey();
    if (definition.maxExceptions !== undefined) await this.options.redis.del(exceptionCountKey(this.options.prefix, job.queueName, job.id ?? ''));
  }

  private record(job: Job, run: Run | undefined, status: JobFinishedEvent['status'], final: boolean): void {
    const metrics = this.options.metrics;
    if (!metrics) return;
    const finishedAt = job.finishedOn ?? Date.now();
    const startedAt = run?.startedAt ?? job.processedOn ?? finishedAt;
    try {
      metrics.record({
        prefix: this.options.prefix,
        queue: job.queueName,
        jobName: job.name,
        jobId: job.id ?? '',
        status,
        final,
        enqueuedAt: Math.min(run?.enqueuedAt ?? job.timestamp, startedAt),
        startedAt,
        finishedAt,
      });
    } catch (error) {
      this.options.log(`[lookout] metrics sink: ${errorMessage(error)}`);
    }
  }

  private follow(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.options.log(`[lookout] after job: ${errorMessage(error)}`));
    this.followUps.add(tracked);
    void tracked.finally(() => this.followUps.delete(tracked));
  }
}
