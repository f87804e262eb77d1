export { batchKey, batchIndexKey, batchKeysPattern } from './keys';
export { BATCH_JOB_NAME, batchJobId, batchCallbackJobId, batchOfMember, batchIdOf } from './ids';
export type { BatchCallbackKind } from './ids';
export { BatchStore, parseBatchRecord, BATCH_RETENTION_MS } from './store';
export type { BatchRecord, BatchCallbackJob, CancelResult } from './store';
export { batchProgress, batchState } from './progress';
export type { BatchProgress, BatchState } from './progress';
export type { BatchView, BatchDetail, BatchJob } from './types';
export {
  readBatches,
  readBatch,
  retryBatchFailures,
  cancelBatch,
  getBatches,
  getBatch,
  retryBatchFailuresAction,
  cancelBatchAction,
  toBatchView,
  jobHref,
  MAX_LISTED_BATCHES,
} from './service';
