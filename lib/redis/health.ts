import { getRedis } from './connection';

export type RedisHealth = 'up' | 'down';

/** PINGs the shared client with a short deadline; never throws. */
export async function checkRedis(timeoutMs = 1500): Promise<RedisHealth> {
  try {
    const redis = await getRedis();
    const answer = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('PING timed out')), timeoutMs).unref()),
    ]);
    return answer === 'PONG' ? 'up' : 'down';
  } catch {
    return 'down';
  }
}
