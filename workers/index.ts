/**
 * Lookout's worker runtime: Laravel-style jobs on BullMQ. Everything an application needs comes from here.
 *
 *   export const sendEmail = defineJob({ name: 'send-email', queue: 'emails', tries: 3, backoff: [10, 60],
 *     handle: async (data: { to: string }, ctx) => { … } });
 *   await dispatch(sendEmail, { to: 'ada@example.com' });
 */
export { defineJob, isJobDefinition, DEFAULT_QUEUE } from './define-job';
export type { Backoff, DispatchOptions, FailedContext, JobContext, JobDefinition, JobSpec, PendingJob, RunningJob } from './define-job';
export { TimeoutError, ShutdownError, UnknownJobError } from './errors';
export type { RedisConnection, ClusterConnection } from './connection';
export { connectionFromEnv, openFailFastRedis, openRedis } from './connection';
export { dispatch, chain, batch, findBatch, PendingBatch } from './dispatch/api';
export { dispatchSync } from './dispatch/sync';
export { configureDispatcher, closeDispatcher } from './dispatch/bus';
export { Dispatcher } from './dispatch/dispatcher';
export type { DispatcherOptions } from './dispatch/dispatcher';
export type { Batch, DispatchedJob } from './dispatch/types';
export { fakeQueue, FakeQueue } from './fake';
export type { RecordedDispatch } from './fake';
export { JobRegistry, collectDefinitions, loadJobModule } from './registry';
export { WorkerRuntime, startWorker } from './runtime/worker';
export type { WorkerRuntimeOptions, StopReason } from './runtime/worker';
export { backoffDelayMs } from './runtime/retry';
export { Supervisor, startSupervisors, loadConfigFile, findConfigFile, supervisorConfigSchema } from './supervisor';
export type { SupervisorOptions, SupervisorConfig, LookoutFileConfig } from './supervisor';
export { HeartbeatLoop } from './runtime/heartbeat';
