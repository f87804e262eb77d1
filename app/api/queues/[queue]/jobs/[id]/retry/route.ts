import { jsonRoute } from '@/lib/http';
import { retryJobAction } from '@/lib/queues';
import { jobTarget } from '../../../../schema';

export const dynamic = 'force-dynamic';

/** 409 unless the job is failed or completed (e.g. someone retried it a moment ago). */
export const POST = jsonRoute<{ queue: string; id: string }>(
  async (request, params, actor) => retryJobAction(jobTarget(request, params), actor),
  { role: 'operator' },
);
