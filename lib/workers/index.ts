export * from './keys';
export * from './types';
export { presenceTtlMs, isStale, STALE_AFTER_BEATS, TTL_BEATS } from './presence';
export {
  writeWorkerHeartbeat,
  removeWorkerHeartbeat,
  writeSupervisorState,
  removeSupervisorState,
  setSupervisorPaused,
  readWorkerHeartbeats,
  readSupervisorStates,
  requestRestart,
} from './heartbeats';
export type { HeartbeatReply } from './heartbeats';
export { parseClientList, parseWorkerClientName, plainBullWorkers, RUNTIME_WORKER_NAME_PREFIX } from './bullmq-clients';
export { readWorkersOverview, toWorkerView, toSupervisorView } from './overview';
export { getWorkersOverview } from './service';
