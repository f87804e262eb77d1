import { readConfig } from '../../lib/config';
import { createLookoutMonitor, type Monitor } from '../../lib/monitor';
import { createRedis, waitUntilReady } from '../../lib/redis';
import { ensureRedisUrl, onShutdown } from '../runtime';

/** Starts the monitor in this process; it stops (finishing its tick, releasing its lock) on shutdown. */
export async function startMonitor(redisUrl: string): Promise<Monitor> {
  const config = readConfig();
  const redis = createRedis(redisUrl);
  await waitUntilReady(redis, 5000);
  const monitor = createLookoutMonitor({ redis, config });
  monitor.start();
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
  console.log(`[lookout] monitor sampling every ${readConfig().LOOKOUT_MONITOR_INTERVAL_MS} ms; Ctrl+C to stop`);
}
