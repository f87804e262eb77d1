import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { getQueueJobs } from '@/lib/queues';
import { jobsQuery, queueParams } from '../../schema';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute<{ queue: string }>(async (request, params) => {
  const { queue } = parseInput(queueParams, params);
  const { cursor, ...query } = parseInput(jobsQuery, searchParamsOf(request));
  return getQueueJobs(queue, { ...query, offset: cursor });
}, { role: 'viewer' });
