import { cancelBatchAction } from '@/lib/batches';
import { jsonRoute } from '@/lib/http';
import { batchTarget } from '../../schema';

export const dynamic = 'force-dynamic';

/** Cancels the batch: jobs of it that have not started are skipped by the worker; 409 once finished or cancelled. */
export const POST = jsonRoute<{ id: string }>(async (request, params, actor) => {
  const { id, prefix } = batchTarget(request, params);
  return cancelBatchAction(id, actor, prefix);
}, { role: 'operator' });
