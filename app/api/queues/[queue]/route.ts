import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { getQueueDetail } from '@/lib/queues';
import { prefixQuery, queueParams } from '../schema';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute<{ queue: string }>(async (request, params) => {
  const { queue } = parseInput(queueParams, params);
  const { prefix } = parseInput(prefixQuery, searchParamsOf(request));
  return getQueueDetail(queue, prefix);
}, { role: 'viewer' });
