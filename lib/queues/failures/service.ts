import { readConfig } from '../../config';
import { getRedis } from '../../redis';
import { findQueue } from '../lookup';
import { readFailureGroups, type FailureGroups } from './groups';

/** What GET /api/queues/:queue/failures answers. */
export async function getFailureGroups(name: string, prefix?: string): Promise<FailureGroups> {
  const redis = await getRedis();
  const ref = await findQueue(redis, readConfig().LOOKOUT_PREFIXES, name, prefix);
  return readFailureGroups(redis, ref);
}
