import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFailureGroups, type QueueRef } from '../../lib/queues';
import { writeFailedJobs } from '../helpers/failed-jobs';
import { parseError, partnerError, seedFailures } from '../helpers/failures';
import { connectionOptions, deletePrefix, testRedis, uniquePrefix } from '../helpers/redis';

const prefix = uniquePrefix('failures');
const redis = testRedis();
const ref = (name: string): QueueRef => ({ prefix, name });

beforeAll(async () => {
  const queue = await seedFailures(connectionOptions(), prefix, 'sync', [
    { id: 's1', error: partnerError(101) },
    { id: 's2', error: parseError('items') },
    { id: 's3', error: partnerError(202) },
    { id: 's4', error: partnerError(303) },
  ]);
  await queue.close();
  await writeFailedJobs(redis, prefix, 'huge', 2500);
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('readFailureGroups', () => {
  it('groups failures that differ only in ids, biggest group first, with a sample and first/last seen', async () => {
    const { groups, sampled, total } = await readFailureGroups(redis, ref('sync'));
    expect({ sampled, total }).toEqual({ sampled: 4, total: 4 });
    expect(groups).toHaveLength(2);
    const [partner, parse] = groups;
    expect(partner).toMatchObject({
      errorClass: 'Error',
      pattern: 'Partner API answered <n> for account <n>',
      message: 'Partner API answered 503 for account 303',
      count: 3,
      sampleJobId: 's4',
      sampleJobName: 'sync',
    });
    expect(partner?.topFrame).toContain('partnerError');
    expect(partner?.firstSeen).toBeLessThanOrEqual(partner?.lastSeen ?? 0);
    expect(parse).toMatchObject({ errorClass: 'TypeError', count: 1, sampleJobId: 's2' });
    expect(partner?.fingerprint).not.toBe(parse?.fingerprint);
  });

  it('reads only the newest jobs of a huge failed set and says how many it read', async () => {
    const { groups, sampled, total } = await readFailureGroups(redis, ref('huge'), 1000);
    expect({ sampled, total }).toEqual({ sampled: 1000, total: 2500 });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ pattern: 'failure <n>', count: 1000, sampleJobId: '2500', errorClass: null, topFrame: null });
  });

  it('answers no groups for a queue without failures', async () => {
    expect(await readFailureGroups(redis, ref('none'))).toEqual({ groups: [], sampled: 0, total: 0 });
  });
});
