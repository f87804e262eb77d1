import { getConnection } from '../../redis';
import { findQueue } from '../lookup';
import { readFailureGroups, type FailureGroups } from './groups';

/** What GET /api/queues/:queue/failures answers. */
export async function getFailureGroups(name: string, prefix?: string): Promise<FailureGroups> {
  const { redis, prefixes } = await getConnection();
  const ref = await findQueue(redis, prefixes, name, prefix);
  return readFailureGroups(redis, ref);
}
