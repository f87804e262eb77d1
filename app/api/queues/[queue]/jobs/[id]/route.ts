import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { deleteJobAction, getJobDetail } from '@/lib/queues';
import { jobParams, jobTarget, prefixQuery } from '../../../schema';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute<{ queue: string; id: string }>(async (request, params) => {
  const { queue, id } = parseInput(jobParams, params);
  const { prefix } = parseInput(prefixQuery, searchParamsOf(request));
  return getJobDetail(queue, id, prefix);
}, { role: 'viewer' });

/** 409 while a worker holds the job's lock. */
export const DELETE = jsonRoute<{ queue: string; id: string }>(
  async (request, params, actor) => deleteJobAction(jobTarget(request, params), actor),
  { role: 'operator' },
);
