import { join } from 'node:path';
import { readConfig } from '../../lib/config';
import { startDemoTraffic } from '../../workers/demo/traffic';
import { loadConfigFile, startSupervisors } from '../../workers';
import { ensureRedisUrl, onShutdown, PROJECT_ROOT, startWebServer } from '../runtime';
import { startMonitor } from './monitor';

export const DEMO_CONFIG = join(PROJECT_ROOT, 'workers', 'demo', 'lookout.config.ts');

/** `lookout demo`: embedded Redis (unless REDIS_URL is set), supervised demo workers, traffic, and the dashboard. */
export async function demo(): Promise<void> {
  // The demo is local by design: no login unless users are configured (LOOKOUT_AUTH= with LOOKOUT_USERS), and the
  // dashboard refuses to listen beyond loopback without one.
  process.env.LOOKOUT_AUTH ??= 'none';
  const redisUrl = await ensureRedisUrl();
  const config = readConfig();
  const prefix = config.LOOKOUT_PREFIXES[0] ?? 'bull';
  const supervisors = await startSupervisors(await loadConfigFile(DEMO_CONFIG), {
    connection: redisUrl,
    prefix,
    heartbeatIntervalMs: config.LOOKOUT_HEARTBEAT_INTERVAL_MS,
  });
  onShutdown(async () => {
    await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
  });
  const traffic = await startDemoTraffic(redisUrl, prefix);
  onShutdown(() => traffic.stop());
  console.log(
    `[lookout] demo workers (supervisors ${supervisors.map((supervisor) => supervisor.name).join(', ')}) and traffic on queues emails, images, reports, partner-sync, webhooks (and a paused newsletters queue)`,
  );
  await startMonitor();
  const url = await startWebServer({ LOOKOUT_AUTH: process.env.LOOKOUT_AUTH ?? 'none', REDIS_URL: redisUrl });
  console.log(`\n  Lookout demo is running: open ${url}\n  Press Ctrl+C to stop.\n`);
}
