import type { ChildCounts } from '../queues';
import type { BatchRecord } from './store';

export interface BatchProgress {
  /** Members not finished yet (neither completed nor failed for good). */
  pending: number;
  /** Members that failed for good. */
  failed: number;
  /** Members that completed (skipped ones after a cancel included). */
  processed: number;
  /** Finished members as a percentage of all, 0..100; 100 only once nothing is pending. */
  progress: number;
}

/**
 * A batch's progress from its record and the counts BullMQ keeps for the batch job's children. Without those
 * counts (the batch job was removed) a finished batch has nothing pending and an unfinished one has all of it.
 */
export function batchProgress(record: Pick<BatchRecord, 'total' | 'finishedAt'>, counts: Pick<ChildCounts, 'pending' | 'completed' | 'failed'> | null): BatchProgress {
  const finished = record.finishedAt !== null;
  const pending = Math.min(record.total, counts ? counts.pending : finished ? 0 : record.total);
  const done = record.total - pending;
  return {
    pending,
    failed: counts?.failed ?? 0,
    processed: counts?.completed ?? 0,
    progress: record.total === 0 ? 100 : Math.floor((done / record.total) * 100),
  };
}

export type BatchState = 'running' | 'finished' | 'failed' | 'cancelled';

/**
 * One word for the list: cancelled wins; a batch with jobs still to run is running (also when its callbacks ran
 * already and failed jobs were retried since); otherwise finished, or failed when some jobs failed for good.
 */
export function batchState(batch: { cancelled: boolean; finished: boolean; pending: number; failed: number }): BatchState {
  if (batch.cancelled) return 'cancelled';
  if (!batch.finished || batch.pending > 0) return 'running';
  return batch.failed > 0 ? 'failed' : 'finished';
}
