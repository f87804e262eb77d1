import { readConfig } from '../config';
import { getRedis } from '../redis';
import { readWorkersOverview } from './overview';
import type { WorkersOverview } from './types';

/** What GET /api/workers answers, for the configured prefixes on the shared connection. */
export async function getWorkersOverview(): Promise<WorkersOverview> {
  return readWorkersOverview(await getRedis(), readConfig().LOOKOUT_PREFIXES);
}
