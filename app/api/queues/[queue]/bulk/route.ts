import { jsonBodyOf, jsonRoute, parseInput } from '@/lib/http';
import { startBulkOperation } from '@/lib/operations';
import { queueTarget } from '../../schema';
import { bulkBody } from './schema';

export const dynamic = 'force-dynamic';

/** Starts a background operation on the jobs matching a query: 202 `{ operationId }`; follow it at /api/operations/:id. */
export const POST = jsonRoute<{ queue: string }>(async (request, params, actor) => {
  const target = queueTarget(request, params);
  return startBulkOperation(target, parseInput(bulkBody, await jsonBodyOf(request)), actor);
}, { role: 'operator', status: 202 });
