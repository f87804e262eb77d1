import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis';

/**
 * Acquire: SET NX PX with a fresh fencing token from INCR, so every new leadership has a larger token.
 * KEYS[1] lock, KEYS[2] fence counter · ARGV[1] owner id, ARGV[2] ttl ms · returns the token or false.
 */
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. token, 'PX', ARGV[2])
return token`;

/** Renew: extend the TTL only if we still hold it. KEYS[1] lock · ARGV[1] lock value, ARGV[2] ttl ms · 1 or 0. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Release: delete only if we still hold it. KEYS[1] lock · ARGV[1] lock value · 1 or 0. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * What the engine needs from a leader election; LeaderLock implements it, and a monitor-wide lock can too
 * (its `key` must hold `value` while it leads, which the fenced commit checks). The commit script reads `key` next
 * to the alert keys, so on a Redis Cluster `key` must share their slot: build it with lib/redis lookoutKey in the
 * same namespace (e.g. `lookoutKey(namespace, 'monitor', 'leader')`).
 */
export interface LeaderElection {
  readonly key: string;
  readonly value: string | null;
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

export interface LeaderLockOptions {
  /** The lock expires this long after the last renewal: a dead leader is replaced within ttlMs + one tick. */
  ttlMs?: number;
  owner?: string;
}

/**
 * A single-runner lock in Redis with a fencing token. `hold()` acquires or renews and is meant to be called on
 * every tick (ticks must come more often than ttlMs / 2). Writes that must come from the leader only check the
 * lock value (`value`) atomically in Lua, so a leader that lost the lock (a long pause) cannot write.
 */
export class LeaderLock implements LeaderElection {
  readonly owner: string;
  readonly ttlMs: number;
  private held: { value: string; token: number; expiresAt: number } | null = null;

  constructor(
    private readonly redis: RedisClient,
    readonly key: string,
    private readonly fenceKey: string,
    options: LeaderLockOptions = {},
  ) {
    this.owner = options.owner ?? randomUUID();
    this.ttlMs = options.ttlMs ?? 15_000;
  }

  /** The lock value (`<owner>:<token>`) while held, for fenced writes. */
  get value(): string | null {
    return this.held?.value ?? null;
  }

  get token(): number | null {
    return this.held?.token ?? null;
  }

  /** Acquires or renews; returns whether we are the leader now. Throws when Redis is unreachable. */
  async hold(): Promise<boolean> {
    const started = Date.now();
    if (this.held) {
      const renewed = Number(await this.redis.eval(RENEW, 1, this.key, this.held.value, this.ttlMs));
      if (renewed === 1) {
        this.held.expiresAt = started + this.ttlMs;
        return true;
      }
      this.held = null;
    }
    const token = await this.redis.eval(ACQUIRE, 2, this.key, this.fenceKey, this.owner, this.ttlMs);
    if (token === null) return false;
    this.held = { value: `${this.owner}:${Number(token)}`, token: Number(token), expiresAt: started + this.ttlMs };
    return true;
  }

  /** Gives the lock up so another runner takes over at its next tick instead of after the TTL. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = null;
    if (held) await this.redis.eval(RELEASE, 1, this.key, held.value);
  }
}
