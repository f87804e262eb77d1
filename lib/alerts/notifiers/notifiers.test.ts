import { describe, expect, it } from 'vitest';
import type { Alert } from '../types';
import type { Webhook } from '../webhooks';
import { NOTIFIERS, groupNotifications, type AlertGroup } from './index';

const firing: Alert = {
  id: '0123456789abcdef',
  rule: 'QueueLengthWarning',
  connection: 'default',
  prefix: 'bull',
  queue: 'emails',
  severity: 'warning',
  state: 'firing',
  value: 1200,
  threshold: 1000,
  summary: 'QueueLengthWarning on emails: waiting 1,200 jobs (threshold 1,000 jobs)',
  activeAt: Date.UTC(2026, 0, 1, 12, 0, 0),
  startsAt: Date.UTC(2026, 0, 1, 12, 1, 0),
  endsAt: null,
  lastNotifiedAt: Date.UTC(2026, 0, 1, 12, 1, 0),
};
const resolved: Alert = { ...firing, state: 'resolved', value: 3, endsAt: Date.UTC(2026, 0, 1, 12, 9, 0) };
const redisDown: Alert = {
  ...firing, id: 'fedcba9876543210', rule: 'RedisDown', prefix: null, queue: null, severity: 'critical', value: 1, threshold: 0,
  summary: 'Redis is unreachable from the Lookout monitor',
};
const hostile: Alert = { ...firing, queue: '<b>&q</b>', summary: 'QueueLengthWarning on <b>&q</b>: waiting 1,200 jobs (threshold 1,000 jobs)' };

const webhook = (format: Webhook['format']): Webhook => ({ id: 'ops', name: 'ops-team', url: 'https://hooks.example.com/x', format, routingKey: 'R0UT1NG', source: 'env' });
const context = { externalUrl: 'https://lookout.example.com' };
const group = (status: AlertGroup['status'], alerts: Alert[]): AlertGroup => ({ rule: alerts[0]?.rule ?? 'QueueLengthWarning', status, alerts });

const CASES: { name: string; format: Webhook['format']; group: AlertGroup; expected: unknown[] }[] = [
  {
    name: 'alertmanager: firing',
    format: 'alertmanager',
    group: group('firing', [firing]),
    expected: [
      {
        version: '4',
        groupKey: '{}:{alertname="QueueLengthWarning"}',
        truncatedAlerts: 0,
        status: 'firing',
        receiver: 'ops-team',
        groupLabels: { alertname: 'QueueLengthWarning' },
        commonLabels: { alertname: 'QueueLengthWarning', connection: 'default', queue: 'emails', prefix: 'bull', severity: 'warning' },
        commonAnnotations: { summary: firing.summary, value: '1200', threshold: '1000' },
        externalURL: 'https://lookout.example.com',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'QueueLengthWarning', connection: 'default', queue: 'emails', prefix: 'bull', severity: 'warning' },
            annotations: { summary: firing.summary, value: '1200', threshold: '1000' },
            startsAt: '2026-01-01T12:01:00.000Z',
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'https://lookout.example.com/alerts',
            fingerprint: '0123456789abcdef',
          },
        ],
      },
    ],
  },
  {
    name: 'alertmanager: resolved carries endsAt',
    format: 'alertmanager',
    group: group('resolved', [resolved]),
    expected: [
      expect.objectContaining({
        status: 'resolved',
        alerts: [expect.objectContaining({ status: 'resolved', startsAt: '2026-01-01T12:01:00.000Z', endsAt: '2026-01-01T12:09:00.000Z', fingerprint: '0123456789abcdef' })],
      }),
    ],
  },
  {
    name: 'alertmanager: a global alert has no queue label',
    format: 'alertmanager',
    group: group('firing', [redisDown]),
    expected: [expect.objectContaining({ commonLabels: { alertname: 'RedisDown', connection: 'default', severity: 'critical' } })],
  },
  {
    name: 'slack: firing, with text and blocks',
    format: 'slack',
    group: group('firing', [firing]),
    expected: [
      {
        text: `[FIRING:1] QueueLengthWarning\n:large_orange_circle: ${firing.summary}`,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: '[FIRING:1] QueueLengthWarning' } },
          { type: 'section', text: { type: 'mrkdwn', text: `:large_orange_circle: ${firing.summary}` } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: '<https://lookout.example.com/alerts|Open Lookout alerts>' }] },
        ],
      },
    ],
  },
  {
    name: 'slack: resolved, with markup in the queue name escaped',
    format: 'slack',
    group: group('resolved', [hostile]),
    expected: [
      expect.objectContaining({
        text: '[RESOLVED:1] QueueLengthWarning\n:white_check_mark: QueueLengthWarning on &lt;b&gt;&amp;q&lt;/b&gt;: waiting 1,200 jobs (threshold 1,000 jobs)',
      }),
    ],
  },
  {
    name: 'pagerduty: one trigger per alert, dedup_key = fingerprint',
    format: 'pagerduty',
    group: group('firing', [firing, { ...firing, id: 'aaaaaaaaaaaaaaaa', queue: 'images' }]),
    expected: [
      {
        routing_key: 'R0UT1NG',
        dedup_key: '0123456789abcdef',
        event_action: 'trigger',
        client: 'Lookout',
        client_url: 'https://lookout.example.com/alerts',
        payload: {
          summary: firing.summary,
          source: 'bull:emails',
          severity: 'warning',
          timestamp: '2026-01-01T12:01:00.000Z',
          class: 'QueueLengthWarning',
          component: 'emails',
          group: 'bull',
          custom_details: { value: 1200, threshold: 1000, connection: 'default' },
        },
      },
      expect.objectContaining({ dedup_key: 'aaaaaaaaaaaaaaaa', event_action: 'trigger' }),
    ],
  },
  {
    name: 'pagerduty: resolve',
    format: 'pagerduty',
    group: group('resolved', [resolved]),
    expected: [{ routing_key: 'R0UT1NG', dedup_key: '0123456789abcdef', event_action: 'resolve' }],
  },
];

describe('notifier formats', () => {
  it.each(CASES)('$name', ({ format, group: input, expected }) => {
    expect(NOTIFIERS[format].render(input, webhook(format), context)).toEqual(expected);
  });

  it('groups notifications by rule and status', () => {
    const groups = groupNotifications([
      { status: 'firing', alert: firing, repeat: false },
      { status: 'firing', alert: { ...firing, id: 'b', queue: 'images' }, repeat: false },
      { status: 'resolved', alert: resolved, repeat: false },
      { status: 'firing', alert: redisDown, repeat: false },
    ]);
    expect(groups.map((g) => `${g.rule}/${g.status}/${g.alerts.length}`)).toEqual(['QueueLengthWarning/firing/2', 'QueueLengthWarning/resolved/1', 'RedisDown/firing/1']);
  });
});
