import { afterAll, describe, expect, it } from 'vitest';
import { buildTiers, DAY_MS, HOUR_MS, MetricsRecorder, MINUTE_MS, querySeries, readSlots, windowKey, ALL_QUEUES, type MetricPoint } from '@/lib/metrics';
import { finishedEvent } from '../helpers/metrics';
import { deletePrefix, testRedis, uniquePrefix } from '../helpers/redis';

const namespace = uniquePrefix('ret');
const redis = testRedis();
const tiers = buildTiers();
const now = Date.now();
const ages = { tenMinutes: 10 * MINUTE_MS, hours47: 47 * HOUR_MS, hours49: 49 * HOUR_MS, days29: 29 * DAY_MS, days31: 31 * DAY_MS };

afterAll(async () => {
  await deletePrefix(redis, namespace);
  redis.disconnect();
});

async function scanKeys(pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

const keysOf = (label: string) => scanKeys(`{${namespace}:metrics}:${label}:all:*`);

describe('retention', () => {
  it('keeps 1-minute points 48 h and 15-minute points 30 days; older buckets are gone from Redis', async () => {
    const recorder = new MetricsRecorder({ redis, namespace, tiers, clock: () => now });
    for (const age of Object.values(ages)) {
      recorder.record(finishedEvent({ prefix: 'bull', queue: 'q', jobName: 'job' }, { finishedAt: now - age, waitMs: 5, runtimeMs: 50 }));
    }
    await recorder.close();

    const windowOf = (label: '1m' | '15m', age: number) => {
      const tier = label === '1m' ? tiers.fine : tiers.coarse;
      return windowKey(namespace, label, ALL_QUEUES, Math.floor((now - age) / tier.windowMs) * tier.windowMs);
    };
    expect((await keysOf('1m')).sort()).toEqual([windowOf('1m', ages.hours47), windowOf('1m', ages.tenMinutes)].sort());
    expect(await keysOf('15m')).toContain(windowOf('15m', ages.days29));
    expect(await keysOf('15m')).not.toContain(windowOf('15m', ages.days31));
    // Every window hash carries its own expiry: nothing Lookout writes lives forever.
    for (const key of [...(await keysOf('1m')), ...(await keysOf('15m'))]) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('never serves points older than the retention, even while Redis still holds their window', async () => {
    const fine = await readSlots(redis, namespace, tiers.fine, [ALL_QUEUES], now - 48 * HOUR_MS, now);
    expect(fine[0]?.map((slot) => now - slot.t).every((age) => age <= 48 * HOUR_MS)).toBe(true);

    const context = { redis, namespace, tiers, now };
    const total = (points: MetricPoint[]) => points.reduce((sum, point) => sum + point.completed, 0);
    expect(total((await querySeries(context, ALL_QUEUES, { lastMs: 48 * HOUR_MS })).points)).toBe(2);
    expect(total((await querySeries(context, ALL_QUEUES, { lastMs: 30 * DAY_MS })).points)).toBe(4);
    // Two hours later (an injected clock, no sleeping), the 47-hour-old job has left the 1-minute tier.
    const later = { ...context, now: now + 2 * HOUR_MS };
    expect(total((await querySeries(later, ALL_QUEUES, { lastMs: 48 * HOUR_MS })).points)).toBe(1);
    // And two days later the 29-day-old job has left the 15-minute tier.
    const twoDaysLater = { ...context, now: now + 2 * DAY_MS };
    expect(total((await querySeries(twoDaysLater, ALL_QUEUES, { lastMs: 30 * DAY_MS })).points)).toBe(3);
  });

  it('honours a configured retention', async () => {
    const shortNamespace = `${namespace}-short`;
    const short = buildTiers({ fineMs: 2 * HOUR_MS, coarseMs: 3 * DAY_MS });
    const recorder = new MetricsRecorder({ redis, namespace: shortNamespace, tiers: short, clock: () => now });
    recorder.record(finishedEvent({ prefix: 'bull', queue: 'q', jobName: 'job' }, { finishedAt: now - 4 * HOUR_MS, waitMs: 5, runtimeMs: 50 }));
    recorder.record(finishedEvent({ prefix: 'bull', queue: 'q', jobName: 'job' }, { finishedAt: now - 4 * DAY_MS, waitMs: 5, runtimeMs: 50 }));
    await recorder.close();
    expect(await scanKeys(`{${shortNamespace}:metrics*}:1m:*`)).toEqual([]);
    expect(await scanKeys(`{${shortNamespace}:metrics}:15m:all:*`)).toHaveLength(1);
    await deletePrefix(redis, shortNamespace);
  });
});
