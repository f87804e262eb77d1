import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeliveries, type AlertEngine } from '../../lib/alerts';
import { createRedis, startRedisServer, type Redis, type RedisServerHandle } from '../../lib/redis';
import { waitFor } from '../helpers/redis';
import { only, testEngine } from './engine-helpers';
import { alertLines, startReceiver, type Receiver } from './receiver';

/** RedisDown needs a Redis this test may stop: a private redis-server on a free port, restarted on the same port. */
const dir = mkdtempSync(join(tmpdir(), 'lookout-alerts-redis-'));
let server: RedisServerHandle;
let redis: Redis;
let receiver: Receiver;
let engine: AlertEngine;

beforeAll(async () => {
  server = await startRedisServer({ dir, persist: false });
  redis = createRedis(server.url);
  receiver = await startReceiver();
  engine = testEngine(redis, { namespace: 'lookout', prefix: 'bull', url: receiver.url, rules: only({ RedisDown: { forMs: 1000 } }, 'RedisDown') });
});

afterAll(async () => {
  await engine?.close();
  redis?.disconnect();
  await receiver?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('RedisDown', () => {
  it('fires while Redis is unreachable, resolves after the restart, and logs the attempts once Redis is back', async () => {
    const t0 = Date.now();
    expect(await engine.tick(t0)).toMatchObject({ redis: 'up', leader: true, active: [] });

    await server.stop();
    expect(await engine.tick(t0 + 1000)).toMatchObject({ redis: 'down', active: [{ rule: 'RedisDown', state: 'pending' }] });
    const firing = await engine.tick(t0 + 2000);
    expect(firing.active).toMatchObject([{ rule: 'RedisDown', state: 'firing', severity: 'critical' }]);
    await engine.deliveries.idle();
    expect(alertLines(receiver.requests)).toEqual(['firing RedisDown -']);
    expect(engine.deliveryLog.buffered).toBe(1);

    server = await startRedisServer({ dir, persist: false, port: server.port });
    await waitFor(async () => (await redis.ping().catch(() => null)) === 'PONG', 15_000, 'the client to reconnect');
    const back = await engine.tick(t0 + 3000);
    expect(back).toMatchObject({ redis: 'up', leader: true, active: [] });
    await engine.deliveries.idle();
    expect(alertLines(receiver.requests)).toEqual(['firing RedisDown -', 'resolved RedisDown -']);

    await engine.tick(t0 + 4000);
    const logged = await readDeliveries(redis, engine.keys, 10);
    expect(logged.map((attempt) => [attempt.kind, attempt.rules[0], attempt.ok])).toEqual([
      ['resolved', 'RedisDown', true],
      ['firing', 'RedisDown', true],
    ]);
    const history = await engine.store.readHistory(() => true, 10);
    expect(history.map((transition) => `${transition.from}→${transition.to}`)).toEqual(['firing→resolved', 'pending→firing', 'inactive→pending']);
  });
});
