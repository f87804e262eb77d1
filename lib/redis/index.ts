export { startRedisServer, RedisNotInstalledError, REDIS_INSTALL_HELP } from './embedded';
export type { RedisServerHandle, RedisServerOptions } from './embedded';
export { findFreePort } from './free-port';
export {
  createRedis,
  createCluster,
  connect,
  logRedisErrors,
  getRedis,
  getConnection,
  connectionSpec,
  connectionSpecs,
  closeRedis,
  resolveRedisUrl,
  waitUntilReady,
  startEmbeddedRedis,
  isRedisConnectionError,
  EMBEDDED_REDIS_DIR,
  FAIL_FAST_OPTIONS,
} from './connection';
export type { LookoutConnection } from './connection';
export { withConnection, currentConnectionName } from './context';
export { isCluster } from './client';
export type { RedisClient } from './client';
export { dataNodes, scanKeys, clientLists } from './nodes';
export * from './keys';
export type { Redis, Cluster } from 'ioredis';
export { checkRedis, readConnectionStatuses } from './health';
export type { RedisHealth, ConnectionStatus } from './health';
export { execPipeline, execPerItem, isDataError } from './pipeline';
export type { PipelineResult } from './pipeline';
