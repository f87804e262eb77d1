import { jsonRoute } from '@/lib/http';
import { getFailureGroups } from '@/lib/queues';
import { queueTarget } from '../../schema';

export const dynamic = 'force-dynamic';

/** Failed jobs grouped by error fingerprint, from the newest 5,000 (`sampled` / `total` say how many were read). */
export const GET = jsonRoute<{ queue: string }>(async (request, params) => {
  const { queue, prefix } = queueTarget(request, params);
  return getFailureGroups(queue, prefix);
}, { role: 'viewer' });
