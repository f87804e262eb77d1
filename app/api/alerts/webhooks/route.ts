import { getWebhooks, saveWebhooks } from '@/lib/alerts';
import { jsonRoute, parseInput, jsonBodyOf } from '@/lib/http';
import { webhooksBody } from '../schema';

export const dynamic = 'force-dynamic';

/** Admins only: webhook URLs can carry credentials (Slack puts its secret in the path). */
export const GET = jsonRoute(async () => getWebhooks(), { role: 'admin' });

export const PUT = jsonRoute(async (request) => saveWebhooks(parseInput(webhooksBody, await jsonBodyOf(request)).webhooks), { role: 'admin' });
