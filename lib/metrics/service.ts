import { getAlerts } from '../alerts';
import { readConfig, type LookoutConfig } from '../config';
import { discoverQueuesCached, findQueue, readQueueSummaries } from '../queues';
import { getConnection } from '../redis';
import { readQueueSeries } from './by-queue';
import { readJobNames } from './job-names';
import { ALL_QUEUES, type Series } from './keys';
import { renderPrometheus, readTotals } from './prometheus';
import { querySeries, type RangeQuery, type SeriesQueryContext } from './query';
import { readSummary } from './summary';
import { buildTiers, DAY_MS, HOUR_MS, type Tiers } from './tiers';
import type { JobNamesResponse, MetricsSeriesResponse, MetricsSummary, QueueSeriesResponse } from './types';

/** The functions API routes call: each resolves the connection and configuration itself. */

export function tiersFromConfig(config: Pick<LookoutConfig, 'LOOKOUT_METRICS_RETENTION_1M_HOURS' | 'LOOKOUT_METRICS_RETENTION_15M_DAYS'>): Tiers {
  return buildTiers({
    fineMs: config.LOOKOUT_METRICS_RETENTION_1M_HOURS * HOUR_MS,
    coarseMs: config.LOOKOUT_METRICS_RETENTION_15M_DAYS * DAY_MS,
  });
}

async function context(): Promise<SeriesQueryContext & { config: LookoutConfig }> {
  const config = readConfig();
  // The request's connection (one Redis or a cluster), with its prefixes (LOOKOUT_PREFIXES for the default one).
  const { redis, prefixes } = await getConnection();
  return { redis, namespace: config.LOOKOUT_NAMESPACE, tiers: tiersFromConfig(config), now: Date.now(), config: { ...config, LOOKOUT_PREFIXES: [...prefixes] } };
}

export interface QueueScope {
  queue?: string;
  prefix?: string;
}

export async function getMetrics(query: QueueScope & RangeQuery & { jobName?: string }): Promise<MetricsSeriesResponse> {
  const ctx = await context();
  let series: Series = ALL_QUEUES;
  if (query.queue !== undefined) {
    const ref = await findQueue(ctx.redis, ctx.config.LOOKOUT_PREFIXES, query.queue, query.prefix);
    series = query.jobName === undefined
      ? { kind: 'queue', prefix: ref.prefix, queue: ref.name }
      : { kind: 'job', prefix: ref.prefix, queue: ref.name, jobName: query.jobName };
  }
  return querySeries(ctx, series, query);
}

/** The busiest queues over a range, each with its points (GET /api/metrics/queues). */
export async function getQueueSeries(query: RangeQuery & { limit: number }): Promise<QueueSeriesResponse> {
  const ctx = await context();
  return readQueueSeries(ctx, await discoverQueuesCached(ctx.redis, ctx.config.LOOKOUT_PREFIXES), query, query.limit);
}

export async function getJobNameMetrics(query: Required<Pick<QueueScope, 'queue'>> & QueueScope & RangeQuery): Promise<JobNamesResponse> {
  const ctx = await context();
  const ref = await findQueue(ctx.redis, ctx.config.LOOKOUT_PREFIXES, query.queue, query.prefix);
  return readJobNames(ctx, ref, query);
}

export async function getMetricsSummary(scope: QueueScope): Promise<MetricsSummary> {
  const ctx = await context();
  if (scope.queue === undefined) {
    const refs = await discoverQueuesCached(ctx.redis, ctx.config.LOOKOUT_PREFIXES);
    return readSummary(ctx, ALL_QUEUES, await readQueueSummaries(ctx.redis, refs, ctx.now));
  }
  const ref = await findQueue(ctx.redis, ctx.config.LOOKOUT_PREFIXES, scope.queue, scope.prefix);
  return readSummary(ctx, { kind: 'queue', prefix: ref.prefix, queue: ref.name }, await readQueueSummaries(ctx.redis, [ref], ctx.now));
}

export async function getPrometheusMetrics(): Promise<string> {
  const ctx = await context();
  const refs = await discoverQueuesCached(ctx.redis, ctx.config.LOOKOUT_PREFIXES);
  const [summaries, alerts] = await Promise.all([readQueueSummaries(ctx.redis, refs, ctx.now), getAlerts(ctx.now)]);
  return renderPrometheus(await readTotals(ctx.redis, ctx.namespace, summaries), alerts.active);
}
