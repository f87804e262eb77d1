import { jsonRoute } from '@/lib/http';
import { promoteJobAction } from '@/lib/queues';
import { jobTarget } from '../../../../schema';

export const dynamic = 'force-dynamic';

/** Delayed → waiting now; 409 unless the job is delayed. */
export const POST = jsonRoute<{ queue: string; id: string }>(
  async (request, params, actor) => promoteJobAction(jobTarget(request, params), actor),
  { role: 'operator' },
);
