import { ensureRedis, startWebServer } from '../runtime';
import { startMonitor } from './monitor';

/** `lookout start`: the dashboard and API plus the monitor, the production default. */
export async function start(): Promise<void> {
  await ensureRedis();
  await startMonitor();
  const url = await startWebServer();
  console.log(`[lookout] dashboard on ${url}; monitor running`);
}
