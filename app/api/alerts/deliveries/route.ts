import { getDeliveries } from '@/lib/alerts';
import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { deliveriesQuery } from '../schema';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async (request) => getDeliveries(parseInput(deliveriesQuery, searchParamsOf(request)).limit), { role: 'viewer' });
