import { readConfig } from '../../lib/config';
import { createLookoutMonitor, type Monitor } from '../../lib/monitor';
import { connect, connectionSpecs, isCluster, waitUntilReady } from '../../lib/redis';
import { ensureRedis, onShutdown } from '../runtime';
import { startAlerts } from './alerts-run';

/**
 * Starts the monitor in this process: metrics sampling on the default connection, and alert evaluation of every
 * connection beside it. Both stop (finishing their tick, releasing their locks) on shutdown. The metrics store
 * needs a single Redis: on a Redis Cluster default connection only the alerts run (see README "Scaling out").
 * Call it once the Redis is configured or started (see ensureRedis).
 */
export async function startMonitor(): Promise<Monitor | null> {
  const config = readConfig();
  const spec = connectionSpecs()[0];
  let monitor: Monitor | null = null;
  if (spec) {
    const redis = await connect(spec);
    if (isCluster(redis)) {
      redis.disconnect();
      console.log(`[lookout] metrics sampling is not available on a Redis Cluster (connection ${spec.name}); evaluating alerts only`);
    } else {
      await waitUntilReady(redis, 5000);
      const sampling = createLookoutMonitor({ redis, config: { ...config, LOOKOUT_PREFIXES: [...spec.prefixes] } });
      sampling.start();
      monitor = sampling;
      onShutdown(async () => {
        await sampling.stop();
        redis.disconnect();
      });
    }
  }
  await startAlerts();
  return monitor;
}

/** `lookout monitor`: samples every queue into the metrics store every LOOKOUT_MONITOR_INTERVAL_MS. */
export async function monitor(): Promise<void> {
  await ensureRedis();
  await startMonitor();
  console.log(`[lookout] monitor sampling metrics and evaluating alerts every ${readConfig().LOOKOUT_MONITOR_INTERVAL_MS} ms; Ctrl+C to stop`);
}
