import { ensureRedis, startWebServer } from '../runtime';

/** `lookout web`: the dashboard and API. `lookout start` adds the monitor once it exists (see README). */
export async function web(): Promise<void> {
  await ensureRedis();
  const url = await startWebServer();
  console.log(`[lookout] dashboard on ${url}`);
}
