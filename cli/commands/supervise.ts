import { z } from 'zod';
import { readConfig } from '../../lib/config';
import { connectionFromEnv, findConfigFile, loadConfigFile, startSupervisors } from '../../workers';
import { onShutdown } from '../runtime';
import { parseFlags, requireRedisUrl, UsageError } from './flags';

/**
 * `lookout supervise [lookout.config.(json|ts)]`: runs the config's supervisors until SIGTERM/SIGINT (which stop
 * their workers gracefully). SIGUSR2 pauses every supervisor's workers and SIGCONT continues them.
 */
export async function supervise(argv: string[]): Promise<void> {
  const { positionals } = parseFlags(argv, z.object({}).strict());
  const path = positionals[0] ?? findConfigFile();
  if (!path) throw new UsageError('No config: pass a file (lookout supervise lookout.config.json) or create lookout.config.json here.');
  const file = await loadConfigFile(path);
  const config = readConfig();
  // REDIS_CLUSTER_NODES (a Redis Cluster) or REDIS_URL, handed on to the worker processes.
  const connection = connectionFromEnv() ?? requireRedisUrl('supervise', config.REDIS_URL);
  const supervisors = await startSupervisors(file, {
    connection,
    prefix: file.prefix ?? config.LOOKOUT_PREFIXES[0] ?? 'bull',
    heartbeatIntervalMs: config.LOOKOUT_HEARTBEAT_INTERVAL_MS,
  });
  onShutdown(async () => {
    await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
  });
  process.on('SIGUSR2', () => void Promise.all(supervisors.map((supervisor) => supervisor.pause())));
  process.on('SIGCONT', () => void Promise.all(supervisors.map((supervisor) => supervisor.continue())));
  console.log(`[lookout] supervising ${supervisors.map((supervisor) => supervisor.name).join(', ')} from ${file.path}`);
}
