import { connectionSpecs, getRedis } from './connection';

export type RedisHealth = 'up' | 'down';

/** PINGs a connection's shared client (the request's, or the default) with a short deadline; never throws. */
export async function checkRedis(timeoutMs = 1500, connection?: string): Promise<RedisHealth> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('PING timed out')), timeoutMs);
      timer.unref();
    });
    const answer = await Promise.race([getRedis(connection).then((redis) => redis.ping()), deadline]);
    return answer === 'PONG' ? 'up' : 'down';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export interface ConnectionStatus {
  name: string;
  kind: 'single' | 'cluster';
  /** The connection used when a request names none. */
  default: boolean;
  redis: RedisHealth;
}

/** Every configured connection and whether it answers, for the connection switcher. */
export async function readConnectionStatuses(timeoutMs = 1500): Promise<ConnectionStatus[]> {
  return Promise.all(
    connectionSpecs().map(async (spec, index) => ({
      name: spec.name,
      kind: spec.kind,
      default: index === 0,
      redis: await checkRedis(timeoutMs, spec.name),
    })),
  );
}
