import { afterAll, describe, expect, it } from 'vitest';
import { buildTiers, decodeRecord, MetricsBatch, mergeRecord, MINUTE_MS, planWrites, readSlots, writeBatch, type MetricRecord, type Series } from '@/lib/metrics';
import { deletePrefix, testRedis, uniquePrefix } from '../helpers/redis';

const namespace = uniquePrefix('merge');
const redis = testRedis();
const tiers = buildTiers();
const now = Date.now();

afterAll(async () => {
  await deletePrefix(redis, namespace);
  redis.disconnect();
});

/** A pseudo-random batch (seeded, so a failure can be replayed) of jobs and gauge samples over a few minutes. */
function randomBatch(seed: number): MetricsBatch {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const batch = new MetricsBatch();
  for (let i = 0; i < 300; i++) {
    const finishedAt = now - Math.floor(random() * 5) * MINUTE_MS;
    const outcome = random() < 0.8 ? 'completed' : random() < 0.5 ? 'failed' : 'retried';
    batch.addJob({
      prefix: 'bull',
      queue: random() < 0.5 ? 'a' : 'b:with:colons',
      jobName: random() < 0.5 ? 'x' : 'ÿ name',
      outcome,
      finishedAt,
      waitMs: random() < 0.1 ? null : Math.floor(random() ** 3 * 100_000),
      runtimeMs: Math.floor(random() ** 2 * 5000),
    });
  }
  for (let i = 0; i < 20; i++) {
    const oldest = random() < 0.3 ? null : Math.floor(random() * 1e6);
    batch.addGauges({ kind: 'queue', prefix: 'bull', queue: 'a' }, now - Math.floor(random() * 5) * MINUTE_MS, {
      waiting: Math.floor(random() * 1000),
      prioritized: Math.floor(random() * 10),
      active: Math.floor(random() * 50),
      delayed: Math.floor(random() * 5),
      failedTotal: Math.floor(random() * 5000),
      oldestWaitMs: oldest,
      workers: Math.floor(random() * 8),
    });
  }
  return batch;
}

describe('the Lua merge script', () => {
  it('stores exactly what merging the records in TypeScript gives, for several writers', async () => {
    const batches = [randomBatch(1), randomBatch(2), randomBatch(3)];
    const expected = new Map<string, MetricRecord>();
    for (const batch of batches) {
      for (const write of planWrites(batch, { namespace, tiers, now }).windows.values()) {
        for (const [slot, record] of write.slots) {
          const id = `${write.key}#${slot}`;
          expected.set(id, mergeRecord(expected.get(id) ?? decodeRecord('|||'), record));
        }
      }
    }
    await Promise.all(batches.map((batch) => writeBatch(redis, batch, { namespace, tiers, now })));

    const stored = new Map<string, MetricRecord>();
    for (const [id] of expected) {
      const [key = '', slot = ''] = id.split('#');
      const value = await redis.hget(key, slot);
      if (value !== null) stored.set(id, decodeRecord(value));
    }
    expect(stored.size).toBe(expected.size);
    for (const [id, record] of expected) expect(stored.get(id), id).toEqual(record);
  });

  it('keeps the 15-minute bucket equal to the sum of its 1-minute buckets', async () => {
    const series: Series = { kind: 'queue', prefix: 'bull', queue: 'a' };
    const from = Math.floor((now - 5 * MINUTE_MS) / (15 * MINUTE_MS)) * 15 * MINUTE_MS;
    const [minutes = []] = await readSlots(redis, namespace, tiers.fine, [series], from, now);
    const [quarters = []] = await readSlots(redis, namespace, tiers.coarse, [series], from, now);
    const completed = (slots: typeof minutes) => slots.reduce((sum, slot) => sum + slot.record.completed, 0);
    expect(completed(quarters)).toBe(completed(minutes));
    expect(completed(minutes)).toBeGreaterThan(0);
  });
});
