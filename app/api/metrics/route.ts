import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { getMetrics } from '@/lib/metrics';
import { metricsQuery, toRangeQuery } from './schema';

export const dynamic = 'force-dynamic';

/** Points over time for all queues, one queue, or one job name of a queue (at most ~500 points). */
export const GET = jsonRoute(async (request) => {
  const query = parseInput(metricsQuery, searchParamsOf(request));
  return getMetrics({ queue: query.queue, prefix: query.prefix, jobName: query.jobName, ...toRangeQuery(query) });
}, { role: 'viewer' });
