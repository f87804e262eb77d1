import { AlertEngine, AlertRunner, readAlertSettings } from '../../lib/alerts';
import { readConfig } from '../../lib/config';
import { readAllQueueSummaries } from '../../lib/queues';
import { createRedis } from '../../lib/redis';
import { parseArgs } from '../args';
import { ensureRedisUrl, onShutdown } from '../runtime';

/**
 * `lookout alerts:run [--once]`: evaluates the alert rules every LOOKOUT_MONITOR_INTERVAL_MS and sends webhooks.
 * Run as many as you like: a Redis leader lock lets one evaluate and send at a time.
 */
export async function alertsRun(argv: string[]): Promise<void> {
  const { flags } = parseArgs(argv);
  const settings = readAlertSettings();
  const prefixes = readConfig().LOOKOUT_PREFIXES;
  const redis = createRedis(await ensureRedisUrl());
  const engine = new AlertEngine({
    redis,
    sampleQueues: (now) => readAllQueueSummaries(redis, prefixes, now),
    settings,
    // Renewed every tick, so it must outlive a few intervals; a dead leader is replaced after this TTL.
    lock: { ttlMs: Math.max(15_000, settings.intervalMs * 3) },
  });

  if (flags.once) {
    const result = await engine.tick(Date.now());
    await engine.close();
    redis.disconnect();
    console.log(JSON.stringify({ ...result, active: result.active.map((alert) => alert.summary) }, null, 2));
    return;
  }

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
  // The runner's timer is unref'd; this keeps the process alive until SIGINT/SIGTERM.
  setInterval(() => undefined, 1 << 30);
}
