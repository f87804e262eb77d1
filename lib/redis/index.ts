export { startRedisServer, RedisNotInstalledError, REDIS_INSTALL_HELP } from './embedded';
export type { RedisServerHandle, RedisServerOptions } from './embedded';
export { findFreePort } from './free-port';
export {
  createRedis,
  logRedisErrors,
  getRedis,
  closeRedis,
  resolveRedisUrl,
  waitUntilReady,
  startEmbeddedRedis,
  isRedisConnectionError,
  EMBEDDED_REDIS_DIR,
  FAIL_FAST_OPTIONS,
} from './connection';
export * from './keys';
export type { Redis } from 'ioredis';
export { checkRedis } from './health';
export type { RedisHealth } from './health';
export { execPipeline, isDataError } from './pipeline';
export type { PipelineResult } from './pipeline';
