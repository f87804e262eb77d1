import { ensureRedisUrl, startWebServer } from '../runtime';

/** `lookout web`: the dashboard and API only (stateless; run as many as you like). `lookout start` adds the monitor. */
export async function web(): Promise<void> {
  const redisUrl = await ensureRedisUrl();
  const url = await startWebServer(redisUrl);
  console.log(`[lookout] dashboard on ${url}`);
}
