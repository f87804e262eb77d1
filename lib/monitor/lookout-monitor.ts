import type { LookoutConfig } from '../config';
import type { RedisClient } from '../redis';
import { createMetricsSampler, tiersFromConfig } from '../metrics';
import { monitorLeaderKey } from './keys';
import { LeaderLock } from './lock';
import { Monitor, type MonitorTask } from './monitor';

export interface LookoutMonitorOptions {
  /** The connection to sample and to hold the leader lock in: one Redis or a cluster. */
  redis: RedisClient;
  config: Pick<LookoutConfig, 'LOOKOUT_PREFIXES' | 'LOOKOUT_NAMESPACE' | 'LOOKOUT_MONITOR_INTERVAL_MS' | 'LOOKOUT_METRICS_RETENTION_1M_HOURS' | 'LOOKOUT_METRICS_RETENTION_15M_DAYS'>;
  /** More periodic tasks (e.g. alert evaluation) run after metrics sampling in every tick, under the same lock. */
  extraTasks?: readonly MonitorTask[];
  clock?: () => number;
  log?: (message: string) => void;
}

/** The monitor `lookout monitor` runs: leader-locked, sampling every queue into the metrics store each interval. */
export function createLookoutMonitor(options: LookoutMonitorOptions): Monitor {
  const { redis, config } = options;
  const intervalMs = config.LOOKOUT_MONITOR_INTERVAL_MS;
  const metrics = createMetricsSampler({
    redis,
    prefixes: config.LOOKOUT_PREFIXES,
    namespace: config.LOOKOUT_NAMESPACE,
    tiers: tiersFromConfig(config),
  });
  return new Monitor({
    intervalMs,
    // Three missed renewals before another monitor takes over.
    lock: new LeaderLock(redis, monitorLeaderKey(config.LOOKOUT_NAMESPACE), Math.max(3 * intervalMs, 5000)),
    tasks: [metrics, ...(options.extraTasks ?? [])],
    clock: options.clock,
    log: options.log,
  });
}
