import type { RedisClient } from '../../lib/redis';
import { rateLimitKey } from '../../lib/workers';

/**
 * Sliding-window admission: at most ARGV[1] admissions in any ARGV[2] ms, judged by Redis's own clock so every
 * worker process on every machine shares one limit. Answers 0 when admitted, or the ms until a slot frees up.
 * KEYS[1] admissions (sorted set scored by admission time)
 * ARGV[1] max, ARGV[2] window (ms), ARGV[3] a unique member for this admission
 */
const ADMIT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < max then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)`;

type AdmittingRedis = RedisClient & { lookoutAdmit(key: string, max: number, perMs: number, member: string): Promise<number> };

export class RateLimiter {
  private sequence = 0;
  private readonly redis: AdmittingRedis;

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    private readonly memberPrefix: string,
  ) {
    // defineCommand sends the script once and EVALSHAs it afterwards.
    redis.defineCommand('lookoutAdmit', { numberOfKeys: 1, lua: ADMIT });
    this.redis = redis as AdmittingRedis;
  }

  /** 0 when the attempt may start now, otherwise how long to wait (ms). */
  async admit(limitKey: string, max: number, perMs: number): Promise<number> {
    const member = `${this.memberPrefix}:${++this.sequence}`;
    return Number(await this.redis.lookoutAdmit(rateLimitKey(this.prefix, limitKey), max, perMs, member));
  }
}
