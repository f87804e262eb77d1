import { getConnection } from '../../redis';
import { discoverQueuesCached } from '../discovery';
import { findJobInQueues, type FoundJob } from './find';

/** What GET /api/search?id= answers: the job with that id in every queue that has one. */
export async function findJobEverywhere(id: string): Promise<{ jobs: FoundJob[] }> {
  const { redis, prefixes } = await getConnection();
  const refs = await discoverQueuesCached(redis, prefixes);
  return { jobs: await findJobInQueues(redis, refs, id) };
}
