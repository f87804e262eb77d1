import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { getJobDetail } from '@/lib/queues';
import { jobParams, prefixQuery } from '../../../schema';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute<{ queue: string; id: string }>(async (request, params) => {
  const { queue, id } = parseInput(jobParams, params);
  const { prefix } = parseInput(prefixQuery, searchParamsOf(request));
  return getJobDetail(queue, id, prefix);
}, { role: 'viewer' });
