import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { AlertRunner, LeaderLock, alertKeys, type AlertEngine } from '../../lib/alerts';
import { createRedis } from '../../lib/redis';
import { connectionOptions, deletePrefix, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';
import { alertTestFile, only, testEngine } from './engine-helpers';
import { alertLines } from './receiver';

const redisA = createRedis(testRedisUrl());
const redisB = createRedis(testRedisUrl());
const file = alertTestFile(redisA, redisB);
const cleanup = file.cleanup;

async function backlogQueue(label: string, jobs: number) {
  const prefix = uniquePrefix(label);
  const namespace = `${prefix}-ns`;
  const queue = new Queue('work', { connection: connectionOptions(), prefix });
  cleanup.push(() => queue.close(), () => deletePrefix(redisA, prefix), () => deletePrefix(redisA, namespace));
  await queue.addBulk(Array.from({ length: jobs }, (_, i) => ({ name: 'job', data: { i } })));
  return { prefix, namespace, queue };
}

const forRequestsOf = (prefix: string) => file.receiver.requests.filter((request) => request.body.includes(prefix));

describe('one evaluator at a time', () => {
  it('two engines on one Redis send each notification once', async () => {
    const { prefix, namespace, queue } = await backlogQueue('leader-dup', 30);
    const rules = only({ QueueLengthWarning: { threshold: 10, forMs: 0 } }, 'QueueLengthWarning');
    const engines: AlertEngine[] = [redisA, redisB].map((redis) => testEngine(redis, { namespace, prefix, url: file.receiver.url, rules }));
    cleanup.push(...engines.map((engine) => () => engine.close()));
    const t0 = Date.now();
    for (let step = 0; step < 5; step++) {
      const results = await Promise.all(engines.map((engine) => engine.tick(t0 + step * 1000)));
      expect(results.filter((result) => result.leader)).toHaveLength(1);
    }
    await queue.drain();
    for (let step = 5; step < 8; step++) await Promise.all(engines.map((engine) => engine.tick(t0 + step * 1000)));
    await Promise.all(engines.map((engine) => engine.deliveries.idle()));
    expect(alertLines(forRequestsOf(prefix))).toEqual(['firing QueueLengthWarning work', 'resolved QueueLengthWarning work']);
  });

  it('another engine takes over when the leader dies, without re-sending what was sent', async () => {
    const { prefix, namespace } = await backlogQueue('leader-failover', 30);
    const rules = only({ QueueLengthWarning: { threshold: 10, forMs: 0 } }, 'QueueLengthWarning');
    const lock = { ttlMs: 600 };
    const first = testEngine(redisA, { namespace, prefix, url: file.receiver.url, rules, lock });
    const second = testEngine(redisB, { namespace, prefix, url: file.receiver.url, rules, lock });
    cleanup.push(() => second.close(), () => first.deliveries.close());
    expect((await first.tick(Date.now())).leader).toBe(true);
    expect((await second.tick(Date.now())).leader).toBe(false);
    await first.deliveries.idle();
    // The first engine "dies": it stops ticking and never releases its lock; the lock expires after its TTL.
    const tokenBefore = (first.lock as LeaderLock).token;
    await waitFor(async () => (await second.tick(Date.now())).leader, 10_000, 'the second engine to take over');
    expect((second.lock as LeaderLock).token).toBeGreaterThan(tokenBefore ?? 0);
    await second.tick(Date.now());
    await second.deliveries.idle();
    expect(alertLines(forRequestsOf(prefix))).toEqual(['firing QueueLengthWarning work']);
  });

  it('refuses writes from a leader whose lock was taken over (fencing)', async () => {
    const namespace = uniquePrefix('fence');
    cleanup.push(() => deletePrefix(redisA, namespace));
    const keys = alertKeys(namespace);
    const stale = new LeaderLock(redisA, keys.leader, keys.fence, { ttlMs: 200 });
    const fresh = new LeaderLock(redisB, keys.leader, keys.fence, { ttlMs: 10_000 });
    expect(await stale.hold()).toBe(true);
    await waitFor(async () => fresh.hold(), 5000, 'the lock to expire');
    const engine = testEngine(redisA, { namespace, prefix: namespace });
    const empty = { active: [], resolved: [], dropped: [], transitions: [], notifications: [] };
    expect(await engine.store.commit({ key: keys.leader, value: stale.value ?? '' }, empty, [])).toBe(false);
    expect(await engine.store.commit({ key: keys.leader, value: fresh.value ?? '' }, empty, [])).toBe(true);
    expect(await stale.hold()).toBe(false);
    await fresh.release();
    expect(await stale.hold()).toBe(true);
    await stale.release();
  });

  it('a runner on a real clock delivers within one interval (latency printed)', async () => {
    const { prefix, namespace, queue } = await backlogQueue('latency', 0);
    const engine = testEngine(redisA, { namespace, prefix, url: file.receiver.url, rules: only({ QueueLengthWarning: { threshold: 10, forMs: 0 } }, 'QueueLengthWarning') });
    const runner = new AlertRunner(engine, 500);
    cleanup.push(() => engine.close(), () => runner.stop());
    await queue.add('warm-up', {});
    runner.start();
    await runner.tick();
    const conditionTrueAt = Date.now();
    await queue.addBulk(Array.from({ length: 20 }, (_, i) => ({ name: 'job', data: { i } })));
    const arrived = await waitFor(async () => forRequestsOf(prefix)[0], 10_000, 'the webhook');
    console.log(`[alerts] condition true → webhook received: ${arrived.at - conditionTrueAt} ms (runner interval 500 ms, for 0)`);
    await runner.stop();
    expect(alertLines(forRequestsOf(prefix))).toEqual(['firing QueueLengthWarning work']);
  });
});
