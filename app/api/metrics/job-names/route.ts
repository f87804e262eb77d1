import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { getJobNameMetrics } from '@/lib/metrics';
import { jobNamesQuery, toRangeQuery } from '../schema';

export const dynamic = 'force-dynamic';

/** Per job name of a queue over a range: throughput, failure rate, average and p95 run time. */
export const GET = jsonRoute(async (request) => {
  const query = parseInput(jobNamesQuery, searchParamsOf(request));
  return getJobNameMetrics({ queue: query.queue, prefix: query.prefix, ...toRangeQuery(query) });
}, { role: 'viewer' });
