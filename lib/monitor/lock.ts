import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis';

/**
 * KEYS[1] lock key · ARGV[1] holder token · ARGV[2] ttl (ms).
 * Takes the lock when it is free, renews it when the caller already holds it; returns 1 when the caller holds it.
 */
const ACQUIRE_OR_RENEW_LUA = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/** KEYS[1] lock key · ARGV[1] holder token. Deletes the lock only if the caller holds it. */
const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * A leader lock (SET NX PX plus renewal): of several monitors on one Redis, only the holder samples and
 * notifies. If the holder dies, the lock expires after `ttlMs` and another monitor takes over.
 */
export class LeaderLock {
  readonly token = randomUUID();

  constructor(
    private readonly redis: RedisClient,
    readonly key: string,
    readonly ttlMs: number,
  ) {}

  /** True when this process holds the lock after the call (taken now or renewed). */
  async acquire(): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE_OR_RENEW_LUA, 1, this.key, this.token, this.ttlMs)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE_LUA, 1, this.key, this.token);
  }
}
