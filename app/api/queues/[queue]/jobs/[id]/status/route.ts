import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { getJobStatus } from '@/lib/queues';
import { jobParams, prefixQuery } from '../../../../schema';

export const dynamic = 'force-dynamic';

/** `{ state, progress, returnvalue?, failedReason? }` in one Redis call, for applications that poll a job they created. */
export const GET = jsonRoute<{ queue: string; id: string }>(async (request, params) => {
  const { queue, id } = parseInput(jobParams, params);
  const { prefix } = parseInput(prefixQuery, searchParamsOf(request));
  return getJobStatus(queue, id, prefix);
}, { role: 'viewer' });
