import type { Role } from '../auth';
import type { BulkAction, JobQuery } from '../queues';

export const OPERATION_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

/** First the matching jobs' ids are snapshotted, then the action is applied to them chunk by chunk. */
export type OperationPhase = 'matching' | 'applying';

/** What someone asked for: an action on the jobs of one queue that match a query. */
export interface OperationRequest {
  action: BulkAction;
  queue: string;
  prefix: string;
  query: JobQuery;
  requestedBy: { name: string; role: Role; via: string };
}

/** An operation as GET /api/operations/:id shows it. */
export interface OperationView extends Omit<OperationRequest, 'requestedBy'> {
  id: string;
  state: OperationState;
  phase: OperationPhase;
  /** Jobs the action was applied to. */
  done: number;
  /** Jobs that matched (final once `phase` is `applying`). */
  total: number;
  /** Matching jobs left alone because they had moved, vanished or were locked by the time their turn came. */
  failed: number;
  /** Jobs of the state looked at while matching, of `scanTotal`. */
  scanned: number;
  scanTotal: number;
  startedAt: number;
  finishedAt: number | null;
  requestedBy: string;
  cancelRequested: boolean;
  cancelledBy: string | null;
  error: string | null;
}

/** The stored record: the view plus what the executor needs to resume exactly where it stopped. */
export interface OperationRecord extends OperationView {
  actor: OperationRequest['requestedBy'];
  /** "Now" for the query's age range, and the latest finish time a completed/failed job may have to be included. */
  snapshotAt: number;
  /** Position in the snapshot of the next chunk to apply. */
  position: number;
  /** The claimed chunk's position and length, while a chunk is between claim and commit. */
  inflight: { position: number; length: number } | null;
  /** Finished, but its audit entry is not written yet. */
  auditPending: boolean;
}
