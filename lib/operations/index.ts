export { operationKeys, runningOperationsKey } from './keys';
export type { OperationKeys } from './keys';
export { OPERATION_STATES } from './types';
export type { OperationPhase, OperationRecord, OperationRequest, OperationState, OperationView } from './types';
export { OperationStore, LeaseLost, OPERATION_RETENTION_MS, toOperationRecord } from './store';
export type { Lease } from './store';
export { advanceOperation, APPLY_CHUNK } from './executor';
export type { ExecutorContext } from './executor';
export { OperationRunner } from './runner';
export type { OperationRunnerOptions } from './runner';
export { auditRecordOf } from './audit';
export {
  ensureOperationRunner,
  startOperationRunners,
  stopOperationRunner,
  previewBulkOperation,
  startBulkOperation,
  getOperation,
  listRunningOperations,
  cancelOperation,
} from './service';
export type { BulkRequest } from './service';
