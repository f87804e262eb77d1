import { jobNamesKey } from './keys';
import { durationStats, mergeSlots } from './points';
import { planQuery, type RangeQuery, type SeriesQueryContext } from './query';
import { readSlots } from './read';
import { MINUTE_MS } from './tiers';
import type { JobNameMetrics, JobNamesResponse } from './types';

export const MAX_JOB_NAMES = 100;

/** Per job name of a queue over a range: throughput, failure rate, average and p95 run time, p95 wait. */
export async function readJobNames(
  context: SeriesQueryContext,
  queue: { prefix: string; name: string },
  query: RangeQuery,
): Promise<JobNamesResponse> {
  const { redis, namespace, tiers, now } = context;
  const plan = planQuery(tiers, now, query);
  const names = await redis.zrangebyscore(jobNamesKey(namespace, queue.prefix, queue.name), plan.from - plan.tier.resolutionMs, '+inf');
  const picked = names.slice(0, MAX_JOB_NAMES);
  const slots = await readSlots(
    redis,
    namespace,
    plan.tier,
    picked.map((jobName) => ({ kind: 'job', prefix: queue.prefix, queue: queue.name, jobName })),
    plan.from,
    plan.to,
  );
  const minutes = Math.max(1, (plan.to - plan.from) / MINUTE_MS);
  const jobNames: JobNameMetrics[] = picked
    .map((name, index) => {
      const record = mergeSlots(slots[index] ?? []);
      const stats = durationStats(record);
      const finished = record.completed + record.failed;
      return {
        name,
        completed: record.completed,
        failed: record.failed,
        retried: record.retried,
        throughputPerMinute: Math.round((finished / minutes) * 100) / 100,
        failureRate: finished ? record.failed / finished : null,
        runtimeAvgMs: stats.runtimeAvg,
        runtimeP95Ms: stats.runtimeP95,
        waitP95Ms: stats.waitP95,
      };
    })
    .filter((row) => row.completed + row.failed + row.retried > 0)
    .sort((a, b) => b.throughputPerMinute - a.throughputPerMinute || a.name.localeCompare(b.name));
  return { jobNames, from: plan.from, to: plan.to, resolution: plan.tier.label };
}
