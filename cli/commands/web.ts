import { ensureRedis, startWebServer } from '../runtime';

/** `lookout web`: the dashboard and API only (stateless; run as many as you like). `lookout start` adds the monitor. */
export async function web(): Promise<void> {
  await ensureRedis();
  const url = await startWebServer();
  console.log(`[lookout] dashboard on ${url}`);
}
