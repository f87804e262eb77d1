import type { FlowChild, JobLocation } from '../queues';
import type { BatchState } from './progress';

/** A batch as the dashboard lists it (GET /api/batches). */
export interface BatchView {
  id: string;
  name: string | null;
  prefix: string;
  /** Queue of the batch job, which runs the callbacks once every member finished. */
  queue: string;
  total: number;
  pending: number;
  failed: number;
  processed: number;
  /** 0..100 */
  progress: number;
  state: BatchState;
  finished: boolean;
  cancelled: boolean;
  allowFailures: boolean;
  createdAt: number;
  finishedAt: number | null;
  cancelledAt: number | null;
  /** The BullMQ parent job whose children are the members. */
  batchJob: JobLocation;
}

/** A member job with where the dashboard shows it. */
export interface BatchJob extends FlowChild {
  /** Path of the member's job page (`/queues/<queue>/jobs/<id>`, with `?prefix=` when needed). */
  href: string;
}

/** One batch with up to MAX_LISTED_CHILDREN of its members (failed first, then unfinished, then completed). */
export interface BatchDetail extends BatchView {
  jobs: BatchJob[];
}
