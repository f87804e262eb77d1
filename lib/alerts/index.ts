export * from './types';
export { alertKeys, DEFAULT_NAMESPACE } from './keys';
export type { AlertKeys } from './keys';
export { RULES, RESOLVE_RATIO, DEFAULT_REPEAT_INTERVAL_MS, buildRuleSet, settingsFor, ruleOverridesSchema } from './rules';
export type { RuleDefinition, RuleOverrides, RuleSet, RuleSettings, RuleSettingsPatch, RuleUnit } from './rules';
export { alertId } from './identity';
export { observeQueues, observeRedis } from './observe';
export type { Observation, QueueSample } from './observe';
export { evaluate } from './evaluate';
export type { EvaluationInput, EvaluationResult } from './evaluate';
export { summarize, formatMeasure } from './summary';
export { signBody, verifySignature, SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from './signature';
export type { SignatureCheck } from './signature';
export { NOTIFIERS, groupNotifications } from './notifiers';
export type { AlertGroup, Notifier, NotifierContext } from './notifiers';
export { WEBHOOK_FORMATS, webhookEditSchema, webhookListSchema, viewWebhook } from './webhooks';
export type { Webhook, WebhookEdit, WebhookFormat, WebhookView } from './webhooks';
export { DeliveryService, backoffDelayMs, isRetryable } from './delivery';
export type { DeliveryOptions } from './delivery';
export { DeliveryLog, readDeliveries, DELIVERY_LOG_LENGTH } from './delivery-log';
export type { DeliveryAttempt } from './delivery-log';
export { LeaderLock } from './leader-lock';
export type { LeaderElection, LeaderLockOptions } from './leader-lock';
export { AlertStore, HISTORY_LENGTH } from './store';
export { AlertEngine } from './engine';
export type { AlertEngineOptions, TickResult } from './engine';
export { AlertRunner } from './runner';
export { readAlertSettings, AlertConfigError } from './settings';
export type { AlertSettings } from './settings';
export {
  getAlerts,
  getQueueAlerts,
  getAlertHistory,
  silenceAlert,
  getAlertRules,
  saveAlertRules,
  getWebhooks,
  saveWebhooks,
  getDeliveries,
  sendTestNotification,
} from './service';
export type { AlertView, RuleView, HistoryQuery } from './service';
