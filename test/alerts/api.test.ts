import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as alertsRoute from '../../app/api/alerts/route';
import * as silenceRoute from '../../app/api/alerts/[id]/silence/route';
import * as deliveriesRoute from '../../app/api/alerts/deliveries/route';
import * as historyRoute from '../../app/api/alerts/history/route';
import * as rulesRoute from '../../app/api/alerts/rules/route';
import * as webhooksRoute from '../../app/api/alerts/webhooks/route';
import * as testRoute from '../../app/api/alerts/webhooks/test/route';
import * as queueRoute from '../../app/api/queues/[queue]/route';
import * as prometheusRoute from '../../app/metrics/route';
import { verifySignature } from '../../lib/alerts';
import { createRedis } from '../../lib/redis';
import { callRoute } from '../api/call-route';
import { connectionOptions, deletePrefix, testRedisUrl, uniquePrefix } from '../helpers/redis';
import { only, testEngine } from './engine-helpers';
import { startReceiver, type Receiver } from './receiver';

const prefix = uniquePrefix('alerts-api');
const redis = createRedis(testRedisUrl());
let queue: Queue;
let receiver: Receiver;

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  process.env.LOOKOUT_NAMESPACE = prefix;
  receiver = await startReceiver();
  queue = new Queue('emails', { connection: connectionOptions(), prefix });
  await queue.addBulk(Array.from({ length: 12 }, (_, i) => ({ name: 'send', data: { i } })));
  const engine = testEngine(redis, { namespace: prefix, prefix, rules: only({ QueueLengthWarning: { threshold: 10, forMs: 0 } }, 'QueueLengthWarning') });
  await engine.tick(Date.now());
  await engine.close();
});

afterAll(async () => {
  await queue.close();
  await receiver.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('alerts API', () => {
  it('lists the firing alert, on /api/alerts and on its queue', async () => {
    const { status, body } = await callRoute(alertsRoute.GET, '/api/alerts', {});
    expect(status).toBe(200);
    expect(body.active).toMatchObject([{ rule: 'QueueLengthWarning', queue: 'emails', prefix, severity: 'warning', state: 'firing', value: 12, threshold: 10, endsAt: null, silencedUntil: null }]);
    expect(body.recent).toEqual([]);
    const detail = await callRoute(queueRoute.GET, '/api/queues/emails', { queue: 'emails' });
    expect(detail.body.alerts).toMatchObject([{ rule: 'QueueLengthWarning', state: 'firing' }]);
    const history = await callRoute(historyRoute.GET, '/api/alerts/history?rule=QueueLengthWarning&queue=emails', {});
    expect(history.body.transitions).toMatchObject([{ from: 'inactive', to: 'firing', alert: { queue: 'emails' } }]);
  });

  it('exposes the firing alert to Prometheus on /metrics', async () => {
    const response = await prometheusRoute.GET(new Request('http://localhost/metrics'));
    expect(response.status).toBe(200);
    expect((await response.text()).split('\n')).toContain(
      `lookout_active_alerts{alertname="QueueLengthWarning",alertstate="firing",severity="warning",prefix="${prefix}",queue="emails"} 1`,
    );
  });

  it('silences an alert for N minutes, and answers 404 and 400 for unknown ids and bad bodies', async () => {
    const { body } = await callRoute(alertsRoute.GET, '/api/alerts', {});
    const id = (body.active as { id: string }[])[0]!.id;
    const before = Date.now();
    const silenced = await callRoute(silenceRoute.POST, `/api/alerts/${id}/silence`, { id }, json('POST', { minutes: 30 }));
    expect(silenced.status).toBe(200);
    expect(silenced.body.silencedUntil).toBeGreaterThanOrEqual(before + 30 * 60_000);
    const listed = await callRoute(alertsRoute.GET, '/api/alerts', {});
    expect((listed.body.active as { silencedUntil: number }[])[0]?.silencedUntil).toBe(silenced.body.silencedUntil);

    expect((await callRoute(silenceRoute.POST, '/x', { id: 'ffffffffffffffff' }, json('POST', { minutes: 5 }))).status).toBe(404);
    const bad = await callRoute(silenceRoute.POST, '/x', { id }, json('POST', { minutes: -1 }));
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'minutes' } } });
    expect((await callRoute(silenceRoute.POST, '/x', { id: 'nope' }, json('POST', { minutes: 5 }))).status).toBe(400);
  });

  it('saves rule overrides and validates them', async () => {
    const saved = await callRoute(rulesRoute.PUT, '/api/alerts/rules', {}, json('PUT', { QueueLengthWarning: { threshold: 20, queues: { emails: { forMs: 0 } } } }));
    expect(saved.status).toBe(200);
    const rules = saved.body.rules as { name: string; base: { threshold: number }; effective: { threshold: number }; queues: Record<string, unknown> }[];
    expect(rules.find((rule) => rule.name === 'QueueLengthWarning')).toMatchObject({ base: { threshold: 1000 }, effective: { threshold: 20 }, queues: { emails: { forMs: 0 } } });
    expect(saved.body.overrides).toEqual({ QueueLengthWarning: { threshold: 20, queues: { emails: { forMs: 0 } } } });
    const invalid = await callRoute(rulesRoute.PUT, '/api/alerts/rules', {}, json('PUT', { QueueLengthWarning: { threshold: 'lots' } }));
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'Invalid', field: 'QueueLengthWarning.threshold' } } });
  });

  it('keeps webhook secrets out of answers, and sends a signed test notification that is logged', async () => {
    const put = await callRoute(webhooksRoute.PUT, '/api/alerts/webhooks', {}, json('PUT', { webhooks: [{ name: 'local', url: receiver.url, format: 'alertmanager', secret: 'top-secret' }] }));
    expect(put.status).toBe(200);
    expect(put.body.webhooks).toEqual([{ id: 'ui-1', name: 'local', url: receiver.url, format: 'alertmanager', source: 'ui', hasSecret: true, hasRoutingKey: false }]);
    expect(JSON.stringify((await callRoute(webhooksRoute.GET, '/api/alerts/webhooks', {})).body)).not.toContain('top-secret');
    const noKey = await callRoute(webhooksRoute.PUT, '/api/alerts/webhooks', {}, json('PUT', { webhooks: [{ url: receiver.url, format: 'pagerduty' }] }));
    expect(noKey.status).toBe(400);

    const sent = await callRoute(testRoute.POST, '/api/alerts/webhooks/test', {}, json('POST', { webhookId: 'ui-1' }));
    expect(sent.body.results).toMatchObject([{ webhookId: 'ui-1', ok: true, status: 200, kind: 'test', attempt: 1 }]);
    const [request] = receiver.requests;
    expect(verifySignature(String(request?.headers['x-lookout-signature']), request?.body ?? '', 'top-secret').ok).toBe(true);
    expect(request?.json).toMatchObject({ status: 'firing', alerts: [{ labels: { alertname: 'TestNotification', severity: 'info' } }] });
    const log = await callRoute(deliveriesRoute.GET, '/api/alerts/deliveries?limit=5', {});
    expect(log.body.deliveries).toMatchObject([{ webhookName: 'local', kind: 'test', ok: true, status: 200 }]);
    expect((await callRoute(testRoute.POST, '/x', {}, json('POST', { webhookId: 'missing' }))).status).toBe(404);
  });
});
