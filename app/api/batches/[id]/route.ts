import { getBatch } from '@/lib/batches';
import { jsonRoute } from '@/lib/http';
import { batchTarget } from '../schema';

export const dynamic = 'force-dynamic';

/** One batch with up to 100 of its jobs (failed first); 404 when unknown or expired. */
export const GET = jsonRoute<{ id: string }>(async (request, params) => {
  const { id, prefix } = batchTarget(request, params);
  return getBatch(id, prefix);
}, { role: 'viewer' });
