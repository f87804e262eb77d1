import type { FailedContext, JobContext, JobDefinition, RunningJob } from '../define-job';
import { ShutdownError, type TimeoutError } from '../errors';

/** Where an attempt's log lines and progress go: the BullMQ job itself, or memory for dispatchSync. */
export interface AttemptSink {
  log(message: string): Promise<unknown>;
  updateProgress(value: number | object): Promise<unknown>;
}

export type Outcome =
  | { kind: 'completed'; value: unknown }
  | { kind: 'threw'; error: Error }
  | { kind: 'timeout'; error: TimeoutError }
  /** The worker stopped and its grace period ran out: the job goes back to its queue. */
  | { kind: 'evicted' };

type Interruption = { kind: 'timeout'; error: TimeoutError } | { kind: 'evicted' };

/** One run of a handler: the `ctx` it receives, plus what the runtime needs to interrupt it. */
export class Attempt<D = unknown> implements JobContext<D> {
  /** Set by ctx.release(); the runtime re-queues the job instead of completing or failing it. */
  releaseDelayMs: number | null = null;
  private controller: AbortController | null = null;
  private abortReason: Error | null = null;
  private interruption: Interruption | null = null;
  private resolveRun: ((outcome: Outcome) => void) | null = null;

  constructor(
    readonly job: RunningJob<D>,
    readonly batchId: string | null,
    private readonly sink: AttemptSink,
  ) {}

  get attempt(): number {
    return this.job.attemptsMade + 1;
  }

  // Created on first use: most handlers never look at the signal, and the worker's hot path stays lean.
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortReason) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  async log(message: string): Promise<void> {
    await this.sink.log(message);
  }

  async progress(value: number | object): Promise<void> {
    await this.sink.updateProgress(value);
  }

  release(delayMs = 0): void {
    this.releaseDelayMs = Math.max(0, Math.round(delayMs));
  }

  get failedContext(): FailedContext<D> {
    return { job: this.job, attempt: this.attempt, batchId: this.batchId };
  }

  /** The worker is stopping and cannot wait any longer: abort the handler and give the job back. */
  evict(): void {
    this.stop(new ShutdownError(), { kind: 'evicted' });
  }

  timeOut(error: TimeoutError): void {
    this.stop(error, { kind: 'timeout', error });
  }

  private stop(reason: Error, interruption: Interruption): void {
    if (this.interruption) return;
    this.interruption = interruption;
    this.abortReason = reason;
    this.controller?.abort(reason);
    this.settle(interruption);
  }

  /**
   * Runs the handler until it settles, or until timeOut()/evict() interrupts it. Whoever runs the attempt enforces
   * its timeout (the worker sweeps all its attempts with one timer rather than arming one per job). This runs for
   * every job, so it makes one promise and no named closures (tsx's keepNames would wrap each one on every call).
   */
  run(definition: JobDefinition<D>): Promise<Outcome> {
    if (this.interruption) return Promise.resolve(this.interruption);
    return new Promise<Outcome>((resolve) => {
      this.resolveRun = resolve;
      try {
        Promise.resolve(definition.handle(this.job.data, this)).then(
          (value) => this.settle({ kind: 'completed', value }),
          (error: unknown) => this.settle({ kind: 'threw', error: asError(error) }),
        );
      } catch (error) {
        this.settle({ kind: 'threw', error: asError(error) });
      }
    });
  }

  private settle(outcome: Outcome): void {
    const resolve = this.resolveRun;
    this.resolveRun = null;
    resolve?.(outcome);
  }
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(typeof error === 'string' ? error : JSON.stringify(error));
}
