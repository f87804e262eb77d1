import { iso, type AlertGroup, type Notifier } from './types';

/** PagerDuty Events API v2: one trigger or resolve event per alert, deduplicated by the alert's fingerprint. */
export const pagerdutyNotifier: Notifier = {
  format: 'pagerduty',
  render(group: AlertGroup, webhook, { externalUrl }) {
    return group.alerts.map((alert) => {
      const envelope = { routing_key: webhook.routingKey ?? '', dedup_key: alert.id };
      if (group.status === 'resolved') return { ...envelope, event_action: 'resolve' };
      return {
        ...envelope,
        event_action: 'trigger',
        client: 'Lookout',
        client_url: `${externalUrl}/alerts`,
        payload: {
          summary: alert.summary,
          source: alert.queue !== null ? `${alert.prefix ?? ''}:${alert.queue}` : 'lookout',
          // Lookout's severities are a subset of PagerDuty's (critical, error, warning, info).
          severity: alert.severity,
          timestamp: iso(alert.startsAt),
          class: alert.rule,
          ...(alert.queue !== null ? { component: alert.queue } : {}),
          ...(alert.prefix !== null ? { group: alert.prefix } : {}),
          custom_details: { value: alert.value, threshold: alert.threshold, connection: alert.connection },
        },
      };
    });
  },
};
