import { ensureRedisUrl, startWebServer } from '../runtime';

/** `lookout web`: the dashboard and API. `lookout start` adds the monitor once it exists (see README). */
export async function web(): Promise<void> {
  const redisUrl = await ensureRedisUrl();
  const url = await startWebServer(redisUrl);
  console.log(`[lookout] dashboard on ${url}`);
}
