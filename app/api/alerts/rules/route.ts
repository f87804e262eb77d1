import { getAlertRules, saveAlertRules } from '@/lib/alerts';
import { jsonRoute, parseInput, jsonBodyOf } from '@/lib/http';
import { rulesBody } from '../schema';

export const dynamic = 'force-dynamic';

export const GET = jsonRoute(async () => getAlertRules(), { role: 'viewer' });

/** Replaces the saved overrides; the body has the shape of LOOKOUT_ALERT_RULES. */
export const PUT = jsonRoute(async (request) => saveAlertRules(parseInput(rulesBody, await jsonBodyOf(request))), { role: 'admin' });
