import { readConfig } from '../../lib/config';
import { createLookoutMonitor, type Monitor } from '../../lib/monitor';
import { connect, connectionSpecs, waitUntilReady } from '../../lib/redis';
import { ensureRedis, onShutdown } from '../runtime';
import { startAlerts } from './alerts-run';

/**
 * Starts the monitor in this process: metrics sampling of every configured connection (one Redis or a Redis Cluster),
 * each on its own client under a leader lock in that connection's Redis, and alert evaluation of every connection
 * beside it. All stop (finishing their tick, releasing their locks) on shutdown. Call it once the Redis is configured
 * or started (see ensureRedis).
 */
export async function startMonitor(): Promise<Monitor[]> {
  const config = readConfig();
  const monitors = await Promise.all(
    connectionSpecs().map(async (spec) => {
      const redis = await connect(spec);
      await waitUntilReady(redis, 5000);
      const sampling = createLookoutMonitor({
        redis,
        config: { ...config, LOOKOUT_PREFIXES: [...spec.prefixes] },
        log: (line) => console.log(`[lookout] monitor (connection ${spec.name}): ${line}`),
      });
      sampling.start();
      onShutdown(async () => {
        await sampling.stop();
        redis.disconnect();
      });
      return sampling;
    }),
  );
  await startAlerts();
  return monitors;
}

/** `lookout monitor`: samples every queue of every connection into the metrics store every LOOKOUT_MONITOR_INTERVAL_MS. */
export async function monitor(): Promise<void> {
  await ensureRedis();
  await startMonitor();
  console.log(`[lookout] monitor sampling metrics and evaluating alerts every ${readConfig().LOOKOUT_MONITOR_INTERVAL_MS} ms; Ctrl+C to stop`);
}
