import type { Alert, AlertNotification, NotificationStatus } from '../types';
import type { Webhook, WebhookFormat } from '../webhooks';

/** Notifications of one rule and one status from one evaluation: sent together, like an Alertmanager group. */
export interface AlertGroup {
  rule: Alert['rule'];
  status: NotificationStatus;
  alerts: Alert[];
}

export interface NotifierContext {
  /** The dashboard's address, for links in messages. */
  externalUrl: string;
}

/** Turns a group into the request bodies a webhook format expects (PagerDuty takes one event per alert). */
export interface Notifier {
  readonly format: WebhookFormat;
  render(group: AlertGroup, webhook: Webhook, context: NotifierContext): unknown[];
}

export function groupNotifications(notifications: readonly AlertNotification[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const { status, alert } of notifications) {
    const key = `${alert.rule}\u0000${status}`;
    const group = groups.get(key) ?? { rule: alert.rule, status, alerts: [] };
    group.alerts.push(alert);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export const iso = (ms: number) => new Date(ms).toISOString();
