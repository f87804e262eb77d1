import { getConnection } from '../redis';
import { readWorkersOverview } from './overview';
import type { WorkersOverview } from './types';

/** What GET /api/workers answers, for the prefixes of the request's connection (one Redis or a cluster). */
export async function getWorkersOverview(): Promise<WorkersOverview> {
  const { redis, prefixes } = await getConnection();
  return readWorkersOverview(redis, prefixes);
}
