import type { PendingJob } from '../define-job';

/** What a dispatch answers: where the job went. A unique job dispatched again answers the first job's id. */
export interface DispatchedJob {
  id: string;
  name: string;
  queue: string;
  prefix: string;
}

export interface BatchSpec {
  jobs: readonly PendingJob[];
  name: string | null;
  allowFailures: boolean;
  /** Queue of the batch job that runs the callbacks; the first member's queue by default. */
  queue: string | null;
  then: PendingJob | null;
  catch: PendingJob | null;
  finally: PendingJob | null;
}

/** A batch as it stands (read again with findBatch). */
export interface Batch {
  id: string;
  name: string | null;
  total: number;
  /** Members not finished yet (neither completed nor failed for good). */
  pending: number;
  /** Members that failed for good. */
  failed: number;
  /** Members that completed (skipped ones after a cancel included). */
  processed: number;
  /** Finished members as a percentage of all, 0..100. */
  progress: number;
  finished: boolean;
  cancelled: boolean;
  createdAt: number;
  finishedAt: number | null;
  /** Marks the batch cancelled: members that have not started yet are skipped. */
  cancel(): Promise<void>;
}

/** Where dispatches go: Redis through BullMQ, or a fake that records them (fakeQueue). */
export interface Bus {
  dispatch(job: PendingJob): Promise<DispatchedJob>;
  dispatchChain(jobs: readonly PendingJob[]): Promise<DispatchedJob[]>;
  dispatchBatch(spec: BatchSpec): Promise<Batch>;
  findBatch(id: string): Promise<Batch | null>;
}
