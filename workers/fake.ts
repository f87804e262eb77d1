import { AssertionError } from 'node:assert';
import type { DispatchOptions, JobDefinition, PendingJob } from './define-job';
import { swapBus } from './dispatch/bus';
import { toBullJob } from './dispatch/job-options';
import type { Batch, BatchSpec, Bus, DispatchedJob } from './dispatch/types';

/** A dispatch the fake recorded, with how it was made. */
export interface RecordedDispatch {
  name: string;
  queue: string;
  data: unknown;
  options: DispatchOptions;
  via: 'dispatch' | 'chain' | 'batch';
  batchId: string | null;
}

/**
 * Records dispatches instead of queueing them (Laravel's Queue::fake): `const queue = fakeQueue()`, run the code,
 * then `queue.assertDispatched(sendEmail, (data) => data.to === 'a@b.c')`, and `queue.restore()` when done.
 */
export class FakeQueue implements Bus {
  readonly dispatched: RecordedDispatch[] = [];
  private readonly batches = new Map<string, Batch>();
  private counter = 0;
  private readonly unswap: () => void;

  constructor() {
    this.unswap = swapBus(this);
  }

  private record(job: PendingJob, via: RecordedDispatch['via'], batchId: string | null = null): DispatchedJob {
    const spec = toBullJob(job);
    this.dispatched.push({ name: spec.name, queue: spec.queue, data: job.data, options: job.options, via, batchId });
    return { id: `fake-${++this.counter}`, name: spec.name, queue: spec.queue, prefix: 'fake' };
  }

  async dispatch(job: PendingJob): Promise<DispatchedJob> {
    return this.record(job, 'dispatch');
  }

  async dispatchChain(jobs: readonly PendingJob[]): Promise<DispatchedJob[]> {
    return jobs.map((job) => this.record(job, 'chain'));
  }

  async dispatchBatch(spec: BatchSpec): Promise<Batch> {
    const id = `fake-batch-${++this.counter}`;
    for (const job of spec.jobs) this.record(job, 'batch', id);
    const batch: Batch = {
      id,
      name: spec.name,
      total: spec.jobs.length,
      pending: spec.jobs.length,
      failed: 0,
      processed: 0,
      progress: spec.jobs.length === 0 ? 100 : 0,
      finished: false,
      cancelled: false,
      createdAt: Date.now(),
      finishedAt: null,
      cancel: async () => {
        this.batches.set(id, { ...batch, cancelled: true });
      },
    };
    this.batches.set(id, batch);
    return batch;
  }

  async findBatch(id: string): Promise<Batch | null> {
    return this.batches.get(id) ?? null;
  }

  /** Dispatches of `job` whose data passes `predicate`. */
  dispatchesOf<D>(job: JobDefinition<D>, predicate: (data: D, dispatch: RecordedDispatch) => boolean = () => true): RecordedDispatch[] {
    return this.dispatched.filter((entry) => entry.name === job.name && predicate(entry.data as D, entry));
  }

  assertDispatched<D>(job: JobDefinition<D>, predicate?: (data: D, dispatch: RecordedDispatch) => boolean): void {
    if (this.dispatchesOf(job, predicate).length === 0) {
      fail(`Expected "${job.name}" to be dispatched${predicate ? ' with matching data' : ''}; ${this.summary()}`);
    }
  }

  assertNotDispatched<D>(job: JobDefinition<D>, predicate?: (data: D, dispatch: RecordedDispatch) => boolean): void {
    const found = this.dispatchesOf(job, predicate);
    if (found.length > 0) fail(`Expected "${job.name}" not to be dispatched, but it was ${found.length} time(s)`);
  }

  assertDispatchedTimes<D>(job: JobDefinition<D>, times: number): void {
    const count = this.dispatchesOf(job).length;
    if (count !== times) fail(`Expected "${job.name}" to be dispatched ${times} time(s), but it was ${count} time(s)`);
  }

  assertNothingDispatched(): void {
    if (this.dispatched.length > 0) fail(`Expected nothing to be dispatched; ${this.summary()}`);
  }

  private summary(): string {
    if (this.dispatched.length === 0) return 'nothing was dispatched';
    return `dispatched: ${this.dispatched.map((entry) => entry.name).join(', ')}`;
  }

  /** Sends dispatches to Redis again. */
  restore(): void {
    this.unswap();
  }
}

function fail(message: string): never {
  throw new AssertionError({ message });
}

export function fakeQueue(): FakeQueue {
  return new FakeQueue();
}
