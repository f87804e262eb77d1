import { invalid } from '../../lib/errors';
import type { DispatchOptions, JobDefinition, PendingJob } from '../define-job';
import { currentBus } from './bus';
import type { Batch, BatchSpec, DispatchedJob } from './types';

/** Queues a job: `dispatch(sendEmail, { to })`. */
export function dispatch<D>(job: JobDefinition<D>, data: D, options: DispatchOptions = {}): Promise<DispatchedJob> {
  return currentBus().dispatch(job.with(data, options));
}

/** Jobs that run one after another, each only after the previous one completed; a failure stops the chain. */
export function chain(jobs: readonly PendingJob[]) {
  return {
    dispatch: (): Promise<DispatchedJob[]> => currentBus().dispatchChain(jobs),
  };
}

/**
 * Jobs that run in parallel and are tracked together (Laravel's Bus::batch). Callbacks are jobs:
 * `then` when every member completed, `catch` once when the batch finished with failures, `finally` always.
 */
export class PendingBatch {
  private spec: BatchSpec;

  constructor(jobs: readonly PendingJob[]) {
    this.spec = { jobs, name: null, allowFailures: false, queue: null, then: null, catch: null, finally: null };
  }

  private with(change: Partial<BatchSpec>): this {
    this.spec = { ...this.spec, ...change };
    return this;
  }

  name(name: string): this {
    return this.with({ name });
  }

  /** Queue of the batch job that runs the callbacks (the first member's queue by default). */
  onQueue(queue: string): this {
    return this.with({ queue });
  }

  /** Keep running the other members when one fails for good (by default the batch is cancelled). */
  allowFailures(allow = true): this {
    return this.with({ allowFailures: allow });
  }

  // Named after Laravel's batch callbacks, which makes this object look like a promise: awaiting it by mistake
  // must fail loudly rather than hang, so a function argument (what `await` passes) is refused.
  then(job: JobDefinition | PendingJob, data?: unknown): this {
    return this.with({ then: callback('then', job, data) });
  }

  catch(job: JobDefinition | PendingJob, data?: unknown): this {
    return this.with({ catch: callback('catch', job, data) });
  }

  finally(job: JobDefinition | PendingJob, data?: unknown): this {
    return this.with({ finally: callback('finally', job, data) });
  }

  dispatch(): Promise<Batch> {
    return currentBus().dispatchBatch(this.spec);
  }
}

function callback(kind: string, job: JobDefinition | PendingJob | ((...args: never[]) => unknown), data: unknown): PendingJob {
  if (typeof job === 'function') throw invalid(`batch(…) is not a promise: call .dispatch() (got a function in .${kind}())`);
  return 'definition' in job ? job : job.with(data);
}

export function batch(jobs: readonly PendingJob[]): PendingBatch {
  return new PendingBatch(jobs);
}

export function findBatch(id: string): Promise<Batch | null> {
  return currentBus().findBatch(id);
}
