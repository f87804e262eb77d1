import type { RedisClient } from '../redis';
import { authKeys } from './keys';

/**
 * Login throttling in Redis, shared by every web replica. An address that fails 20 times within a minute is
 * locked out for 15 minutes; a user name that fails 100 times within 15 minutes (from anywhere) is slowed the
 * same way. The per-user limit is higher on purpose: one attacker's address must not lock the real user out.
 */
export const LOGIN_LIMITS = {
  perIp: { failures: 20, windowMs: 60_000, lockMs: 15 * 60_000 },
  perUser: { failures: 100, windowMs: 15 * 60_000 },
};

export async function isLoginBlocked(redis: RedisClient, ip: string, user: string): Promise<boolean> {
  const [locked, userFailures] = await redis.mget(authKeys.lockedIp(ip), authKeys.loginFailuresByUser(user));
  return locked !== null || Number(userFailures ?? 0) >= LOGIN_LIMITS.perUser.failures;
}

export async function recordLoginFailure(redis: RedisClient, ip: string, user: string): Promise<void> {
  const results = await redis
    .multi()
    // SET NX starts a fixed window with its expiry; INCR keeps the TTL it was given.
    .set(authKeys.loginFailuresByIp(ip), 0, 'PX', LOGIN_LIMITS.perIp.windowMs, 'NX')
    .incr(authKeys.loginFailuresByIp(ip))
    .set(authKeys.loginFailuresByUser(user), 0, 'PX', LOGIN_LIMITS.perUser.windowMs, 'NX')
    .incr(authKeys.loginFailuresByUser(user))
    .exec();
  const ipFailures = Number(results?.[1]?.[1] ?? 0);
  if (ipFailures >= LOGIN_LIMITS.perIp.failures) {
    await redis.set(authKeys.lockedIp(ip), '1', 'PX', LOGIN_LIMITS.perIp.lockMs);
  }
}

/** The client address as the web server saw it (first X-Forwarded-For hop, which `next start` sets). */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return (read('x-forwarded-for')?.split(',')[0] ?? read('x-real-ip') ?? 'unknown').trim() || 'unknown';
}
