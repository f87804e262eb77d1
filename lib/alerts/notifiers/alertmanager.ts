import type { Alert } from '../types';
import { iso, type AlertGroup, type Notifier } from './types';

/** Alertmanager's "zero time", which it sends as endsAt for alerts that have not ended. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

function labelsOf(alert: Alert): Record<string, string> {
  return {
    alertname: alert.rule,
    connection: alert.connection,
    ...(alert.queue !== null ? { queue: alert.queue } : {}),
    ...(alert.prefix !== null ? { prefix: alert.prefix } : {}),
    severity: alert.severity,
  };
}

function common(records: Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = records;
  return Object.fromEntries(Object.entries(first ?? {}).filter(([key, value]) => rest.every((record) => record[key] === value)));
}

/** The Prometheus Alertmanager webhook payload (version "4"), so any Alertmanager receiver works. */
export const alertmanagerNotifier: Notifier = {
  format: 'alertmanager',
  render(group: AlertGroup, webhook, { externalUrl }) {
    const alerts = group.alerts.map((alert) => ({
      status: group.status,
      labels: labelsOf(alert),
      annotations: { summary: alert.summary, value: String(alert.value), threshold: String(alert.threshold) },
      startsAt: iso(alert.startsAt),
      endsAt: group.status === 'resolved' && alert.endsAt !== null ? iso(alert.endsAt) : ZERO_TIME,
      generatorURL: `${externalUrl}/alerts`,
      fingerprint: alert.id,
    }));
    return [
      {
        version: '4',
        groupKey: `{}:{alertname="${group.rule}"}`,
        truncatedAlerts: 0,
        status: group.status,
        receiver: webhook.name,
        groupLabels: { alertname: group.rule },
        commonLabels: common(alerts.map((alert) => alert.labels)),
        commonAnnotations: common(alerts.map((alert) => alert.annotations)),
        externalURL: externalUrl,
        alerts,
      },
    ];
  },
};
