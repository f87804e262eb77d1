import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { getQueueSeries } from '@/lib/metrics';
import { queueSeriesQuery, toRangeQuery } from '../schema';

export const dynamic = 'force-dynamic';

/** The busiest queues over a range (up to `limit`, 8 by default), each with its own points, to compare them on a chart. */
export const GET = jsonRoute(async (request) => {
  const query = parseInput(queueSeriesQuery, searchParamsOf(request));
  return getQueueSeries({ ...toRangeQuery(query), limit: query.limit });
}, { role: 'viewer' });
