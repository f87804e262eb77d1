import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryLog, DeliveryService, type DeliveryOptions, alertKeys, readDeliveries, verifySignature, type Alert, type AlertGroup, type Webhook } from '../../lib/alerts';
import { createRedis } from '../../lib/redis';
import { deletePrefix, testRedisUrl, uniquePrefix } from '../helpers/redis';
import { startReceiver, type Receiver } from './receiver';

const redis = createRedis(testRedisUrl());
const receivers: Receiver[] = [];
const namespaces: string[] = [];

afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
  for (const namespace of namespaces) await deletePrefix(redis, namespace);
  redis.disconnect();
});

const alert: Alert = {
  id: '00000000000000aa', rule: 'QueueLengthCritical', connection: 'default', prefix: 'bull', queue: 'emails', severity: 'critical', state: 'firing',
  value: 6000, threshold: 5000, summary: 'QueueLengthCritical on emails', activeAt: 1, startsAt: 2, endsAt: null, lastNotifiedAt: 2,
};
const group: AlertGroup = { rule: 'QueueLengthCritical', status: 'firing', alerts: [alert] };

async function setup(statuses: number[] = [], options: { hang?: boolean; delivery?: DeliveryOptions } = {}) {
  const receiver = await startReceiver({ statuses, hang: options.hang });
  receivers.push(receiver);
  const namespace = uniquePrefix('delivery');
  namespaces.push(namespace);
  const keys = alertKeys(namespace);
  const service = new DeliveryService(new DeliveryLog(redis, keys), { externalUrl: 'http://lookout.test' }, {
    baseDelayMs: 20,
    maxDelayMs: 80,
    timeoutMs: 300,
    ...options.delivery,
  });
  return { receiver, keys, service };
}

const hook = (url: string, extra: Partial<Webhook> = {}): Webhook => ({ id: 'h1', name: 'hook one', url, format: 'alertmanager', source: 'ui', ...extra });

describe('webhook delivery', () => {
  it('signs each request so the receiver can verify it, and spots a replay with an old timestamp', async () => {
    const { receiver, service } = await setup();
    service.dispatch([hook(receiver.url, { secret: 'shared-secret' })], [group]);
    await service.idle();
    const [request] = receiver.requests;
    const header = String(request?.headers['x-lookout-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, request?.body ?? '', 'shared-secret')).toMatchObject({ ok: true });
    expect(verifySignature(header, request?.body ?? '', 'another-secret')).toEqual({ ok: false, reason: 'mismatch' });
    // The same request replayed ten minutes later is refused by its timestamp.
    expect(verifySignature(header, request?.body ?? '', 'shared-secret', { nowMs: Date.now() + 10 * 60_000 })).toEqual({ ok: false, reason: 'expired' });
    expect(request?.headers['x-lookout-delivery']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries 500, 500, 500 then 200: one successful delivery, four logged attempts', async () => {
    const { receiver, keys, service } = await setup([500, 500, 500, 200]);
    service.dispatch([hook(receiver.url)], [group]);
    await service.idle();
    expect(receiver.requests).toHaveLength(4);
    const attempts = (await readDeliveries(redis, keys, 10)).reverse();
    expect(attempts.map((a) => [a.attempt, a.status, a.ok, a.willRetry])).toEqual([
      [1, 500, false, true],
      [2, 500, false, true],
      [3, 500, false, true],
      [4, 200, true, false],
    ]);
    expect(new Set(attempts.map((a) => a.deliveryId)).size).toBe(1);
    expect(attempts.every((a) => a.latencyMs >= 0 && a.target.startsWith('127.0.0.1:') && a.kind === 'firing')).toBe(true);
    // Every retry carries the same delivery id, so receivers can de-duplicate.
    expect(new Set(receiver.requests.map((r) => r.headers['x-lookout-delivery'])).size).toBe(1);
  });

  it('does not retry a 4xx answer', async () => {
    const { receiver, keys, service } = await setup([400]);
    service.dispatch([hook(receiver.url)], [group]);
    await service.idle();
    expect(receiver.requests).toHaveLength(1);
    expect((await readDeliveries(redis, keys, 10)).map((a) => [a.status, a.willRetry, a.error])).toEqual([[400, false, 'HTTP 400']]);
  });

  it('never lets a hanging webhook hold up another one', async () => {
    const slow = await setup([], { hang: true, delivery: { timeoutMs: 1500, maxAttempts: 2 } });
    const fast = await startReceiver();
    receivers.push(fast);
    slow.service.dispatch([hook(slow.receiver.url, { id: 'slow' }), hook(fast.url, { id: 'fast' })], [group]);
    // dispatch() returned at once; the healthy webhook is served while the other one still hangs.
    await expect.poll(() => fast.requests.length).toBe(1);
    await expect.poll(async () => (await readDeliveries(redis, slow.keys, 20)).map((a) => a.webhookId)).toEqual(['fast']);
    expect(slow.receiver.requests).toHaveLength(1);
    await slow.service.idle();
    const attempts = await readDeliveries(redis, slow.keys, 20);
    const fastAttempt = attempts.find((a) => a.webhookId === 'fast');
    const slowAttempts = attempts.filter((a) => a.webhookId === 'slow');
    expect(fastAttempt).toMatchObject({ ok: true, status: 200 });
    expect(slowAttempts.map((a) => [a.attempt, a.status, a.error])).toEqual([
      [2, null, 'timed out after 1500 ms'],
      [1, null, 'timed out after 1500 ms'],
    ]);
  });
});
