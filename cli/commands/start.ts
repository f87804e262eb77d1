import { ensureRedisUrl, startWebServer } from '../runtime';
import { startMonitor } from './monitor';

/** `lookout start`: the dashboard and API plus the monitor, the production default. */
export async function start(): Promise<void> {
  const redisUrl = await ensureRedisUrl();
  await startMonitor(redisUrl);
  const url = await startWebServer(redisUrl);
  console.log(`[lookout] dashboard on ${url}; monitor running`);
}
