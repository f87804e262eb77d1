import { sendTestNotification } from '@/lib/alerts';
import { jsonRoute, parseInput, jsonBodyOf } from '@/lib/http';
import { testNotificationBody } from '../../schema';

export const dynamic = 'force-dynamic';

export const POST = jsonRoute(async (request, _params, actor) => {
  const { webhookId } = parseInput(testNotificationBody, (await jsonBodyOf(request)) ?? {});
  return sendTestNotification(webhookId, actor.name);
}, { role: 'admin' });
