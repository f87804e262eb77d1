import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { discoverQueues, discoverQueuesCached } from '../../lib/queues';
import { connectionOptions, deletePrefix, testRedis, uniquePrefix, waitFor } from '../helpers/redis';

const prefixA = uniquePrefix('disc-a');
const prefixB = uniquePrefix('disc-b');
const redis = testRedis();
const NAMES = ['emails', 'ünïcode queue', 'with space', 'z-last'];

beforeAll(async () => {
  for (const name of NAMES) {
    const queue = new Queue(name, { connection: connectionOptions(), prefix: prefixA });
    await queue.add('job', { n: 1 });
    // A job hash and its logs under the queue must not be mistaken for queues.
    await queue.close();
  }
  const other = new Queue('elsewhere', { connection: connectionOptions(), prefix: prefixB });
  await other.add('job', {});
  await other.close();
});

afterAll(async () => {
  await deletePrefix(redis, prefixA);
  await deletePrefix(redis, prefixB);
  redis.disconnect();
});

describe('discoverQueues', () => {
  it('finds every queue under each prefix, odd names included, and nothing else', async () => {
    expect(await discoverQueues(redis, [prefixA])).toEqual(NAMES.map((name) => ({ prefix: prefixA, name })).sort((a, b) => a.name.localeCompare(b.name)));
    const both = await discoverQueues(redis, [prefixA, prefixB]);
    expect(both).toHaveLength(5);
    expect(both).toContainEqual({ prefix: prefixB, name: 'elsewhere' });
  });

  it('finds a queue that only has job ids (no meta hash), as older clients leave', async () => {
    await redis.del(`${prefixA}:emails:meta`);
    expect((await discoverQueues(redis, [prefixA])).map((ref) => ref.name)).toContain('emails');
  });

  it('serves the cached list at once and picks up a new queue in the background', async () => {
    const prefix = uniquePrefix('disc-cache');
    const names = async () => (await discoverQueuesCached(redis, [prefix], 100)).map((ref) => ref.name);
    await redis.hset(`${prefix}:first:meta`, 'version', 'x');
    expect(await names()).toEqual(['first']);
    await redis.hset(`${prefix}:second:meta`, 'version', 'x');
    expect(await names()).toEqual(['first']);
    await waitFor(async () => (await names()).length === 2, 5000, 'the background refresh');
    expect(await names()).toEqual(['first', 'second']);
    await deletePrefix(redis, prefix);
  });
});
