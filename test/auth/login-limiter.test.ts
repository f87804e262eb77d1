import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, isLoginBlocked, recordLoginFailure } from '../../lib/auth';
import { authKeys } from '../../lib/auth/keys';
import { LOOKOUT_NAMESPACE, lookoutKey } from '../../lib/redis';
import { testRedis } from '../helpers/redis';

const redis = testRedis();
const user = `user-${Math.random().toString(36).slice(2)}`;

beforeEach(async () => {
  const keys = await redis.keys(`${lookoutKey(LOOKOUT_NAMESPACE, 'auth')}:*${user}*`);
  if (keys.length) await redis.del(...keys);
});
afterAll(() => redis.disconnect());

describe('login limiter', () => {
  it('locks an address out after 20 failures within a minute, but not the same user elsewhere', async () => {
    const attacker = `10.0.0.${Math.floor(Math.random() * 200)}-${user}`;
    const legit = `10.1.0.1-${user}`;
    for (let attempt = 1; attempt < LOGIN_LIMITS.perIp.failures; attempt++) {
      await recordLoginFailure(redis, attacker, user);
      expect(await isLoginBlocked(redis, attacker, user)).toBe(false);
    }
    await recordLoginFailure(redis, attacker, user);
    expect(await isLoginBlocked(redis, attacker, user)).toBe(true);
    expect(await isLoginBlocked(redis, legit, user)).toBe(false);
    const ttl = await redis.pttl(authKeys.lockedIp(attacker));
    expect(ttl).toBeGreaterThan(LOGIN_LIMITS.perIp.lockMs - 10_000);
  });

  it('slows down a user name attacked from many addresses', async () => {
    for (let attempt = 0; attempt < LOGIN_LIMITS.perUser.failures; attempt++) {
      await recordLoginFailure(redis, `172.16.${attempt}.1-${user}`, user);
    }
    expect(await isLoginBlocked(redis, `192.168.9.9-${user}`, user)).toBe(true);
  });
});
