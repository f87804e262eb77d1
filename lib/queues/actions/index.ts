export { retryJob, deleteJob, promoteJob, isRetryable, RETRYABLE_STATES } from './job-actions';
export type { RetryableState } from './job-actions';
export { retryJobs, cleanJobs, applyToJobs, checkActionState, BULK_CHUNK_SIZE, CLEANABLE_STATES, BULK_ACTIONS, BULK_ACTION_STATES } from './bulk';
export type { BulkAction, BulkProgress, BulkResult, BulkSelection, CleanableState, OnProgress } from './bulk';
export { pauseQueue, resumeQueue } from './queue-actions';
export { bullQueue, closeBullQueues } from './bull-queue';
export {
  retryJobAction,
  deleteJobAction,
  promoteJobAction,
  retryJobsAction,
  cleanJobsAction,
  pauseQueueAction,
  resumeQueueAction,
} from './service';
export type { QueueTarget } from './service';
