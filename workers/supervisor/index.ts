export { Supervisor } from './supervisor';
export type { SupervisorOptions, WorkerCommand } from './supervisor';
export { startSupervisors } from './start';
export { loadConfigFile, findConfigFile, supervisorConfigSchema, lookoutFileSchema, CONFIG_FILES } from './config';
export type { SupervisorConfig, LookoutFileConfig } from './config';
export { desiredProcessCount, restartDelayMs } from './scaling';
