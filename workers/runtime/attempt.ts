import type { FailedContext, JobContext, JobDefinition, RunningJob } from '../define-job';
import { ShutdownError, TimeoutError } from '../errors';

/** Where an attempt's log lines and progress go: the BullMQ job, or memory for dispatchSync. */
export interface AttemptSink {
  log(message: string): Promise<unknown>;
  progress(value: number | object): Promise<unknown>;
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
  private interrupt: ((interruption: Interruption) => void) | null = null;
  private interruption: Interruption | null = null;

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
    await this.sink.progress(value);
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
    this.interrupt?.(interruption);
  }

  /** Runs the handler until it settles, times out, or is evicted, whichever comes first. */
  async run(definition: JobDefinition<D>, timeoutSeconds: number): Promise<Outcome> {
    if (this.interruption) return this.interruption;
    const handled = (async () => definition.handle(this.job.data, this))().then(
      (value): Outcome => ({ kind: 'completed', value }),
      (error: unknown): Outcome => ({ kind: 'threw', error: asError(error) }),
    );
    const interrupted = new Promise<Interruption>((resolve) => {
      this.interrupt = resolve;
    });
    const timer =
      timeoutSeconds > 0 ? setTimeout(() => this.timeOut(new TimeoutError(definition.name, timeoutSeconds)), timeoutSeconds * 1000) : null;
    try {
      return await Promise.race([handled, interrupted]);
    } finally {
      if (timer) clearTimeout(timer);
      this.interrupt = null;
    }
  }
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(typeof error === 'string' ? error : JSON.stringify(error));
}
