import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { getQueueJobs } from '@/lib/queues';
import { jobsQuery, queueParams } from '../../schema';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute<{ queue: string }>(async (request, params) => {
  const { queue } = parseInput(queueParams, params);
  const query = parseInput(jobsQuery, searchParamsOf(request));
  return getQueueJobs(queue, { state: query.state, limit: query.limit, offset: query.cursor, prefix: query.prefix });
}, { role: 'viewer' });
