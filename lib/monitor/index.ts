export { Monitor } from './monitor';
export type { MonitorOptions, MonitorTask, TickResult } from './monitor';
export { LeaderLock } from './lock';
export { monitorLeaderKey } from './keys';
export { createLookoutMonitor } from './lookout-monitor';
export type { LookoutMonitorOptions } from './lookout-monitor';
