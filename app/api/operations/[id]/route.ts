import { jsonRoute, parseInput } from '@/lib/http';
import { cancelOperation, getOperation } from '@/lib/operations';
import { operationParams } from '../schema';

export const dynamic = 'force-dynamic';

/** `{ id, action, state, done, total, failed, startedAt, finishedAt, … }` of a background operation. */
export const GET = jsonRoute<{ id: string }>(async (_request, params) => getOperation(parseInput(operationParams, params).id), { role: 'viewer' });

/** Cancels at the next chunk boundary and answers with the exact count of what was done. */
export const DELETE = jsonRoute<{ id: string }>(async (_request, params, actor) => cancelOperation(parseInput(operationParams, params).id, actor), {
  role: 'operator',
});
