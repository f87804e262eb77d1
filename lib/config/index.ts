export { readConfig, ConfigError } from './env';
export { settingsFromConfigFile, FILE_SETTINGS } from './file-settings';
export type { LookoutConfig } from './env';
export { readConnectionSpecs, parseClusterNodes, hasConfiguredRedis, DEFAULT_CONNECTION } from './connections';
export type { ConnectionSpec, ClusterNode } from './connections';
export { LOOKOUT_VERSION } from './version';
