import { jsonRoute } from '@/lib/http';
import { resumeQueueAction } from '@/lib/queues';
import { queueTarget } from '../../schema';

export const dynamic = 'force-dynamic';

export const POST = jsonRoute<{ queue: string }>(
  async (request, params, actor) => resumeQueueAction(queueTarget(request, params), actor),
  { role: 'operator' },
);
