import { readConfig } from '../../lib/config';
import { createLookoutMonitor, type Monitor } from '../../lib/monitor';
import { createRedis, waitUntilReady } from '../../lib/redis';
import { ensureRedisUrl, onShutdown } from '../runtime';
import { startAlerts } from './alerts-run';

/**
 * Starts the monitor in this process: metrics sampling, and alert evaluation beside it. Both stop (finishing
 * their tick, releasing their locks) on shutdown.
 */
export async function startMonitor(redisUrl: string): Promise<Monitor> {
  const config = readConfig();
  const redis = createRedis(redisUrl);
  await waitUntilReady(redis, 5000);
  const monitor = createLookoutMonitor({ redis, config });
  monitor.start();
  startAlerts(redisUrl);
  onShutdown(async () => {
    await monitor.stop();
    redis.disconnect();
  });
  return monitor;
}

/** `lookout monitor`: samples every queue into the metrics store every LOOKOUT_MONITOR_INTERVAL_MS. */
export async function monitor(): Promise<void> {
  const redisUrl = await ensureRedisUrl();
  await startMonitor(redisUrl);
  console.log(`[lookout] monitor sampling metrics and evaluating alerts every ${readConfig().LOOKOUT_MONITOR_INTERVAL_MS} ms; Ctrl+C to stop`);
}
