import { retryBatchFailuresAction } from '@/lib/batches';
import { jsonRoute } from '@/lib/http';
import { batchTarget } from '../../schema';

export const dynamic = 'force-dynamic';

/** Retries the batch's failed jobs: `{ count }`; 409 for a cancelled batch. */
export const POST = jsonRoute<{ id: string }>(async (request, params, actor) => {
  const { id, prefix } = batchTarget(request, params);
  return retryBatchFailuresAction(id, actor, prefix);
}, { role: 'operator' });
