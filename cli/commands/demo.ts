import { startDemoTraffic } from '../../workers/demo/traffic';
import { ensureRedisUrl, onShutdown, startWebServer } from '../runtime';

/** `lookout demo`: embedded Redis (unless REDIS_URL is set), demo workers and traffic, and the dashboard. */
export async function demo(): Promise<void> {
  // The demo is local by design: no login, and the dashboard refuses to listen beyond loopback without one.
  process.env.LOOKOUT_AUTH ??= 'none';
  const redisUrl = await ensureRedisUrl();
  const traffic = await startDemoTraffic({ url: redisUrl, maxRetriesPerRequest: null });
  onShutdown(() => traffic.stop());
  console.log('[lookout] demo traffic running on queues emails, images, reports, partner-sync (and a paused newsletters queue)');
  const url = await startWebServer({ LOOKOUT_AUTH: 'none', REDIS_URL: redisUrl });
  console.log(`\n  Lookout demo is running: open ${url}\n  Press Ctrl+C to stop.\n`);
}
