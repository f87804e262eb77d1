import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { getMetricsSummary } from '@/lib/metrics';
import { summaryQuery } from '../schema';

export const dynamic = 'force-dynamic';

/** Headline numbers (jobs past minute and hour, failures, max wait and runtime, workers) and time to drain per queue. */
export const GET = jsonRoute(async (request) => getMetricsSummary(parseInput(summaryQuery, searchParamsOf(request))), { role: 'viewer' });
