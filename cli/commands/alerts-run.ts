import { AlertEngine, AlertRunner, readAlertSettings, type AlertSettings, type TickResult } from '../../lib/alerts';
import type { ConnectionSpec } from '../../lib/config';
import { readAllQueueSummaries } from '../../lib/queues';
import { connect, connectionSpecs, type RedisClient } from '../../lib/redis';
import { parseArgs } from '../args';
import { ensureRedis, onShutdown } from '../runtime';

/**
 * The leader lock's TTL: renewed every tick, so it outlives a few intervals; a dead leader is replaced after at most
 * this TTL plus one interval, i.e. within 2 lock periods.
 */
export const leaderTtlMs = (intervalMs: number) => intervalMs * 3;

interface ConnectionMonitor {
  spec: ConnectionSpec;
  redis: RedisClient;
  engine: AlertEngine;
  leading: boolean | null;
}

/** One alert engine per configured connection, each on its own client with a leader lock in that connection's Redis. */
async function createAlertEngines(settings: AlertSettings): Promise<{ monitors: ConnectionMonitor[]; close: () => Promise<void> }> {
  const monitors = await Promise.all(
    connectionSpecs().map(async (spec): Promise<ConnectionMonitor> => {
      const redis = await connect(spec);
      const engine = new AlertEngine({
        redis,
        connection: spec.name,
        sampleQueues: (now) => readAllQueueSummaries(redis, spec.prefixes, now),
        settings,
        lock: { ttlMs: leaderTtlMs(settings.intervalMs) },
      });
      return { spec, redis, engine, leading: null };
    }),
  );
  const close = async () => {
    await Promise.all(monitors.map(({ engine }) => engine.close()));
    for (const { redis } of monitors) redis.disconnect();
  };
  return { monitors, close };
}

/**
 * Evaluates the alert rules of every configured connection every interval until shutdown, each with its own client
 * and leader lock (so it keeps working, and can send RedisDown, while the monitor's own tasks cannot run). Used by
 * `alerts:run` and the monitor. Call it once the Redis is configured or started (see ensureRedis).
 */
export async function startAlerts(): Promise<void> {
  const settings = readAlertSettings();
  const { monitors, close } = await createAlertEngines(settings);
  const runner = new AlertRunner(
    {
      async tick(now) {
        await Promise.all(
          monitors.map(async (monitor) => {
            const result = await monitor.engine.tick(now);
            const where = `connection ${monitor.spec.name}`;
            if (result.error) console.error(`[lookout] alert evaluation failed (${where}): ${result.error}`);
            if (result.redis === 'up' && result.leader !== monitor.leading) {
              monitor.leading = result.leader;
              console.log(`[lookout] ${monitor.leading ? 'this process now evaluates and sends alerts' : 'another process evaluates alerts; standing by'} (${where})`);
            }
          }),
        );
      },
    },
    settings.intervalMs,
  );
  onShutdown(async () => {
    await runner.stop();
    await close();
  });
  runner.start();
  console.log(
    `[lookout] alert evaluation every ${settings.intervalMs} ms on ${monitors.map(({ spec }) => `${spec.name} (prefixes ${spec.prefixes.join(', ')})`).join('; ')}; ` +
      `${settings.webhooks.length} webhook(s) from LOOKOUT_ALERT_WEBHOOKS (plus any set in the UI)`,
  );
}

/**
 * `lookout alerts:run [--once]`: evaluates the alert rules of every configured connection every
 * LOOKOUT_MONITOR_INTERVAL_MS and sends webhooks. Run as many as you like: a leader lock in each connection's Redis
 * lets one process evaluate and send for that connection at a time.
 */
export async function alertsRun(argv: string[]): Promise<void> {
  const { flags } = parseArgs(argv);
  await ensureRedis();
  if (flags.once) {
    const { monitors, close } = await createAlertEngines(readAlertSettings());
    const results = await Promise.all(monitors.map(({ engine }) => engine.tick(Date.now())));
    await close();
    const printable = (result: TickResult) => ({ ...result, active: result.active.map((alert) => alert.summary) });
    console.log(JSON.stringify(Object.fromEntries(monitors.map(({ spec }, index) => [spec.name, printable(results[index] as TickResult)])), null, 2));
    return;
  }
  await startAlerts();
  // The runner's timer is unref'd; this keeps the process alive until SIGINT/SIGTERM.
  setInterval(() => undefined, 1 << 30);
}
