import { z } from 'zod';
import { readConfig } from '../../lib/config';
import { createRedis } from '../../lib/redis';
import { requestRestart } from '../../lib/workers';
import { parseFlags, requireRedisUrl } from './flags';

/**
 * `lookout queue:restart [--prefix=bull]`: every worker started before now exits after its current job (they
 * check on each heartbeat), and its supervisor starts it again with the code now on disk.
 */
export async function queueRestart(argv: string[]): Promise<void> {
  const { flags } = parseFlags(argv, z.object({ prefix: z.string().min(1).max(200).optional() }).strict());
  const config = readConfig();
  const redis = createRedis(requireRedisUrl('queue:restart', config.REDIS_URL));
  try {
    const prefixes = flags.prefix ? [flags.prefix] : config.LOOKOUT_PREFIXES;
    for (const prefix of prefixes) await requestRestart(redis, prefix);
    console.log(
      `[lookout] restart signal sent: workers under ${prefixes.join(', ')} exit after their current job (within one heartbeat, ${config.LOOKOUT_HEARTBEAT_INTERVAL_MS} ms).`,
    );
  } finally {
    redis.disconnect();
  }
}
