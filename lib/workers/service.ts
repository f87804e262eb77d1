import { getSingleRedisConnection } from '../redis';
import { readWorkersOverview } from './overview';
import type { WorkersOverview } from './types';

/** What GET /api/workers answers, for the prefixes of the request's connection (a single Redis). */
export async function getWorkersOverview(): Promise<WorkersOverview> {
  const { redis, prefixes } = await getSingleRedisConnection('The worker overview');
  return readWorkersOverview(redis, prefixes);
}
