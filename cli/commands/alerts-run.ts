import { AlertEngine, AlertRunner, readAlertSettings, type AlertSettings } from '../../lib/alerts';
import { readConfig } from '../../lib/config';
import { readAllQueueSummaries } from '../../lib/queues';
import { createRedis, type Redis } from '../../lib/redis';
import { parseArgs } from '../args';
import { ensureRedisUrl, onShutdown } from '../runtime';

function createAlertEngine(redis: Redis, settings: AlertSettings, prefixes: readonly string[]): AlertEngine {
  return new AlertEngine({
    redis,
    sampleQueues: (now) => readAllQueueSummaries(redis, prefixes, now),
    settings,
    // Renewed every tick, so it must outlive a few intervals; a dead leader is replaced after this TTL.
    lock: { ttlMs: Math.max(15_000, settings.intervalMs * 3) },
  });
}

/**
 * Evaluates alert rules every interval until shutdown, with its own connection and leader lock (so it keeps
 * working, and can send RedisDown, while the monitor's own tasks cannot run). Used by `alerts:run` and the monitor.
 */
export function startAlerts(redisUrl: string): void {
  const settings = readAlertSettings();
  const prefixes = readConfig().LOOKOUT_PREFIXES;
  const redis = createRedis(redisUrl);
  const engine = createAlertEngine(redis, settings, prefixes);
  let leading: boolean | null = null;
  const runner = new AlertRunner(
    {
      async tick(now) {
        const result = await engine.tick(now);
        if (result.error) console.error(`[lookout] alert evaluation failed: ${result.error}`);
        if (result.redis === 'up' && result.leader !== leading) {
          leading = result.leader;
          console.log(`[lookout] ${leading ? 'this process now evaluates and sends alerts' : 'another process evaluates alerts; standing by'}`);
        }
      },
    },
    settings.intervalMs,
  );
  onShutdown(async () => {
    await runner.stop();
    await engine.close();
    redis.disconnect();
  });
  runner.start();
  console.log(
    `[lookout] alert evaluation every ${settings.intervalMs} ms on prefixes ${prefixes.join(', ')}; ` +
      `${settings.webhooks.length} webhook(s) from LOOKOUT_ALERT_WEBHOOKS (plus any set in the UI)`,
  );
}

/**
 * `lookout alerts:run [--once]`: evaluates the alert rules every LOOKOUT_MONITOR_INTERVAL_MS and sends webhooks.
 * Run as many as you like: a Redis leader lock lets one evaluate and send at a time.
 */
export async function alertsRun(argv: string[]): Promise<void> {
  const { flags } = parseArgs(argv);
  const redisUrl = await ensureRedisUrl();
  if (flags.once) {
    const settings = readAlertSettings();
    const redis = createRedis(redisUrl);
    const engine = createAlertEngine(redis, settings, readConfig().LOOKOUT_PREFIXES);
    const result = await engine.tick(Date.now());
    await engine.close();
    redis.disconnect();
    console.log(JSON.stringify({ ...result, active: result.active.map((alert) => alert.summary) }, null, 2));
    return;
  }
  startAlerts(redisUrl);
  // The runner's timer is unref'd; this keeps the process alive until SIGINT/SIGTERM.
  setInterval(() => undefined, 1 << 30);
}
