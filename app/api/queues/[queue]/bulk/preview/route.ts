import { jsonBodyOf, jsonRoute, parseInput } from '@/lib/http';
import { previewBulkOperation } from '@/lib/operations';
import { queueTarget } from '../../../schema';
import { bulkBody } from '../schema';

export const dynamic = 'force-dynamic';

/** What a bulk action by query would touch: `{ matched, sample }`, counted exactly over the whole state. */
export const POST = jsonRoute<{ queue: string }>(async (request, params) => {
  const target = queueTarget(request, params);
  return previewBulkOperation(target, parseInput(bulkBody, await jsonBodyOf(request)));
}, { role: 'operator' });
