import type { WebhookFormat } from '../webhooks';
import { alertmanagerNotifier } from './alertmanager';
import { pagerdutyNotifier } from './pagerduty';
import { slackNotifier } from './slack';
import type { Notifier } from './types';

export const NOTIFIERS: Record<WebhookFormat, Notifier> = {
  alertmanager: alertmanagerNotifier,
  slack: slackNotifier,
  pagerduty: pagerdutyNotifier,
};

export { groupNotifications } from './types';
export type { AlertGroup, Notifier, NotifierContext } from './types';
