import { z } from 'zod';
import { readConfig } from '../../lib/config';
import { MetricsRecorder, tiersFromConfig } from '../../lib/metrics';
import { closeDispatcher, configureDispatcher, connectionFromEnv, findConfigFile, loadConfigFile, loadJobModule, openFailFastRedis, startWorker } from '../../workers';
import { onShutdown, shutdown } from '../runtime';
import { numberFlag, parseFlags, requireRedisUrl, switchFlag, UsageError } from './flags';

const queueList = z
  .string()
  .transform((value) => value.split(',').map((queue) => queue.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(1).max(255)).min(1));

const workFlags = z
  .object({
    queue: queueList.default(['default']),
    concurrency: numberFlag.pipe(z.number().int().min(1).max(10_000)).default(1),
    tries: numberFlag.pipe(z.number().int().min(1)).default(1),
    timeout: numberFlag.pipe(z.number().min(0)).default(60),
    sleep: numberFlag.pipe(z.number().min(0.01)).default(3),
    'max-jobs': numberFlag.pipe(z.number().int().min(0)).default(0),
    'max-time': numberFlag.pipe(z.number().min(0)).default(0),
    'stop-when-empty': switchFlag,
    once: switchFlag,
    grace: numberFlag.pipe(z.number().min(0)).default(30),
    jobs: z.string().min(1).optional(),
    prefix: z.string().min(1).max(200).optional(),
    supervisor: z.string().min(1).optional(),
    'lock-duration': numberFlag.pipe(z.number().int().min(100)).optional(),
    'stalled-interval': numberFlag.pipe(z.number().int().min(100)).optional(),
    'max-stalled': numberFlag.pipe(z.number().int().min(0)).optional(),
  })
  .strict();

/** The job definitions module: --jobs, else the `jobs` key of lookout.config.(json|ts) in this folder. */
async function jobsModule(flag: string | undefined): Promise<string> {
  if (flag) return flag;
  const file = findConfigFile();
  const fromFile = file ? (await loadConfigFile(file)).jobs : undefined;
  if (fromFile) return fromFile;
  throw new UsageError('Where are the jobs? Pass --jobs=path/to/jobs.ts (a module exporting defineJob(…) values) or set "jobs" in lookout.config.json.');
}

/**
 * `lookout work --queue=high,default,low --concurrency=N [--tries --timeout --sleep --max-jobs --max-time
 * --stop-when-empty --once --grace --jobs --prefix]`: one worker process. SIGTERM/SIGINT stop it gracefully;
 * SIGUSR2 pauses it and SIGCONT continues.
 */
export async function work(argv: string[]): Promise<void> {
  const { flags } = parseFlags(argv, workFlags);
  const config = readConfig();
  // REDIS_CLUSTER_NODES (a Redis Cluster) or REDIS_URL.
  const connection = connectionFromEnv() ?? requireRedisUrl('work', config.REDIS_URL);
  const prefix = flags.prefix ?? config.LOOKOUT_PREFIXES[0] ?? 'bull';
  const jobs = await loadJobModule(await jobsModule(flags.jobs));
  // Handlers that dispatch (chains, follow-up jobs) reach the same Redis and prefix.
  configureDispatcher({ connection, prefix });
  // Every finished attempt goes to the metrics store, buffered: at most one Redis round trip per second (per hash tag on a cluster).
  const metricsRedis = openFailFastRedis(connection);
  const metrics = new MetricsRecorder({ redis: metricsRedis, namespace: config.LOOKOUT_NAMESPACE, tiers: tiersFromConfig(config) });
  const runtime = await startWorker({
    connection,
    prefix,
    queues: flags.queue,
    jobs,
    concurrency: flags.once ? 1 : flags.concurrency,
    tries: flags.tries,
    timeout: flags.timeout,
    sleep: flags.sleep,
    maxJobs: flags.once ? 1 : flags['max-jobs'],
    maxTime: flags['max-time'],
    stopWhenEmpty: flags['stop-when-empty'],
    grace: flags.grace,
    heartbeatIntervalMs: config.LOOKOUT_HEARTBEAT_INTERVAL_MS,
    supervisor: flags.supervisor ?? null,
    lockDurationMs: flags['lock-duration'],
    stalledIntervalMs: flags['stalled-interval'],
    maxStalledCount: flags['max-stalled'],
    metrics,
  });
  onShutdown(async () => {
    await runtime.stop();
    await metrics.close();
    metricsRedis.disconnect();
    await closeDispatcher();
  });
  process.on('SIGUSR2', () => runtime.pause());
  process.on('SIGCONT', () => runtime.resume());
  // Started by a supervisor (over IPC): when it dies, drain and exit rather than run on unsupervised.
  if (process.connected) process.once('disconnect', () => void shutdown(0));
  console.log(
    `[lookout] worker ${runtime.id} (pid ${process.pid}) on ${flags.queue.join(', ')} under prefix ${prefix}, concurrency ${flags.once ? 1 : flags.concurrency}`,
  );
  const reason = await runtime.finished;
  // A stop() comes from the SIGTERM/SIGINT handler, which is already shutting down; every other reason ends here.
  if (reason !== 'stopped') {
    console.log(`[lookout] worker ${runtime.id} stopped (${reason})`);
    await shutdown(0);
  }
}
