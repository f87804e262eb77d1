import { ensureBuilt } from './support/build';
import { runChaos } from './support/chaos';
import type { BenchRow } from './types';

/**
 * Chaos: CHAOS_JOBS (10,000) jobs through CHAOS_WORKERS (4) `lookout work` processes while one of them is SIGKILLed
 * and restarted every CHAOS_KILL_EVERY_MS (2 s) for CHAOS_SECONDS (30 s), and Redis restarts once halfway, with the
 * dashboard and a monitor running and polled every second (CHAOS_WEB=0 leaves them out, and so does a missing
 * build when building fails). Lighter: CHAOS_JOBS=2000 CHAOS_SECONDS=10.
 */
const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export default async function chaos(): Promise<BenchRow[]> {
  const jobs = envNumber('CHAOS_JOBS', 10_000);
  const workers = envNumber('CHAOS_WORKERS', 4);
  const seconds = envNumber('CHAOS_SECONDS', 30);
  const killEveryMs = envNumber('CHAOS_KILL_EVERY_MS', 2000);
  let web = process.env.CHAOS_WEB !== '0';
  if (web) {
    try {
      await ensureBuilt();
    } catch (error) {
      console.log(`  no dashboard build (${error instanceof Error ? error.message : String(error)}): running without the dashboard and the monitor`);
      web = false;
    }
  } else console.log('  CHAOS_WEB=0: running without the dashboard and the monitor');
  const result = await runChaos({
    jobs,
    workers,
    concurrency: 20,
    produceMs: seconds * 850,
    killEveryMs,
    kills: Math.floor((seconds * 1000) / killEveryMs),
    redisRestartAtMs: seconds * 500,
    redisDownMs: 2000,
    jobMs: [10, 100],
    web,
    drainTimeoutMs: 45_000,
  });
  console.log(`  ${JSON.stringify({ ...result, lostIds: result.lostIds.slice(0, 5) })}`);
  const shape = `${jobs.toLocaleString('en-US')} jobs, ${workers} worker processes, ${result.kills} SIGKILLs (${result.killsMidJob} mid-job), Redis down ${(result.redisDownMs / 1000).toFixed(1)} s once (AOF everysec)`;
  const failed = Object.entries(result.failedReasons).map(([reason, count]) => `${count}× ${reason}`).join('; ');
  const rows: BenchRow[] = [
    { suite: 'chaos', metric: 'jobs lost (not completed at the end)', value: result.lost, unit: 'jobs', target: '0', met: result.lost === 0, note: failed ? `${shape}; ${failed}` : shape },
    { suite: 'chaos', metric: 'jobs completed exactly once', value: result.completedOnce, unit: 'jobs', note: `of ${jobs.toLocaleString('en-US')}` },
    { suite: 'chaos', metric: 'jobs interrupted mid-run and run again', value: result.interrupted, unit: 'jobs', note: 'handler started more than once' },
    { suite: 'chaos', metric: 'jobs run more than once (at-least-once)', value: result.duplicates, unit: 'jobs', note: `${result.extraExecutions} extra runs: the handler had finished when its worker was killed (or Redis went down), before BullMQ recorded the completion` },
    { suite: 'chaos', metric: 'whole chaos run', value: result.durationMs / 1000, unit: 's', target: '< 90 s', met: result.durationMs < 90_000, note: `drain after the chaos ${(result.drainMs / 1000).toFixed(1)} s` },
  ];
  if (result.web) {
    const { web } = result;
    rows.push(
      {
        suite: 'chaos',
        metric: 'dashboard polls failed (/api/queues + /api/health, 1/s)',
        value: web.failed,
        unit: 'requests',
        note: `of ${web.polls}; ${web.failedDuringRestart} during the Redis restart, ${web.failedOutsideRestart} outside it; statuses ${JSON.stringify(web.statuses)}`,
      },
      {
        suite: 'chaos',
        metric: '/api/health 200 again after Redis was back',
        value: web.healthBackAfterMs ?? -1,
        unit: 'ms',
        target: 'recovers, no restart',
        met: web.healthBackAfterMs !== null && web.queuesBackAfterMs !== null && web.monitorAlive && web.monitorLeading,
        note: `/api/queues after ${web.queuesBackAfterMs ?? 'never'} ms; neither the web server nor the monitor was restarted; monitor ${web.monitorAlive ? 'alive' : 'DEAD'}, ${web.monitorLeading ? 'still leading' : 'NOT leading'}`,
      },
    );
  }
  return rows;
}
