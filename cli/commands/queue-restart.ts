import { z } from 'zod';
import { readConfig } from '../../lib/config';
import { requestRestart } from '../../lib/workers';
import { connectionFromEnv, openRedis } from '../../workers';
import { parseFlags, requireRedisUrl } from './flags';

/**
 * `lookout queue:restart [--prefix=bull]`: every worker started before now exits after its current job (they
 * check on each heartbeat), and its supervisor starts it again with the code now on disk.
 */
export async function queueRestart(argv: string[]): Promise<void> {
  const { flags } = parseFlags(argv, z.object({ prefix: z.string().min(1).max(200).optional() }).strict());
  const config = readConfig();
  // A one-shot command: queue the write until the connection is up instead of failing fast like the API does.
  const redis = openRedis(connectionFromEnv() ?? requireRedisUrl('queue:restart', config.REDIS_URL), { enableOfflineQueue: true });
  try {
    const prefixes = flags.prefix ? [flags.prefix] : config.LOOKOUT_PREFIXES;
    for (const prefix of prefixes) await requestRestart(redis, prefix);
    console.log(`[lookout] restart signal sent: workers under ${prefixes.join(', ')} exit after their current job, from their next heartbeat on.`);
  } finally {
    redis.disconnect();
  }
}
