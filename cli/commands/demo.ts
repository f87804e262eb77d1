import { startDemoTraffic } from '../../workers/demo/traffic';
import { ensureRedisUrl, onShutdown, startWebServer } from '../runtime';
import { startMonitor } from './monitor';

/** `lookout demo`: embedded Redis (unless REDIS_URL is set), demo workers and traffic, and the dashboard. */
export async function demo(): Promise<void> {
  const redisUrl = await ensureRedisUrl();
  const traffic = await startDemoTraffic({ url: redisUrl, maxRetriesPerRequest: null });
  onShutdown(() => traffic.stop());
  console.log('[lookout] demo traffic running on queues emails, images, reports, partner-sync (and a paused newsletters queue)');
  await startMonitor(redisUrl);
  const url = await startWebServer(redisUrl, { LOOKOUT_AUTH: 'none' });
  console.log(`\n  Lookout demo is running: open ${url}\n  Press Ctrl+C to stop.\n`);
}
