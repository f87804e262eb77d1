import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { listRunningOperations } from '@/lib/operations';
import { operationsQuery } from './schema';

export const dynamic = 'force-dynamic';

/** The background operations still running (of one queue with `?queue=`): `{ operations }`. */
export const GET = jsonRoute(async (request) => listRunningOperations(parseInput(operationsQuery, searchParamsOf(request))), { role: 'viewer' });
