import { getAlertHistory } from '@/lib/alerts';
import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { historyQuery } from '../schema';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async (request) => getAlertHistory(parseInput(historyQuery, searchParamsOf(request))), { role: 'viewer' });
