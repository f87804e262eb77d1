import { notFound, invalid } from '../errors';
import { getConnection, getRedis } from '../redis';
import { DeliveryLog, readDeliveries, type DeliveryAttempt } from './delivery-log';
import { DeliveryService } from './delivery';
import { alertId } from './identity';
import { alertKeys } from './keys';
import { RULES, buildRuleSet, settingsFor, type RuleOverrides, type RuleSettings, type RuleSettingsPatch } from './rules';
import { readAlertSettings } from './settings';
import { AlertStore } from './store';
import { RULE_NAMES, type Alert, type AlertTransition, type RuleName } from './types';
import { applyWebhookEdits, viewWebhook, type WebhookEdit, type WebhookView } from './webhooks';

/**
 * The functions API routes call: each resolves the connection (the request's, see lib/redis getConnection) and
 * settings itself. A connection's alerts, rules, webhooks and deliveries live in that connection's Redis.
 */

export interface AlertView extends Alert {
  silencedUntil: number | null;
}

async function openStore(): Promise<AlertStore> {
  return new AlertStore(await getRedis(), alertKeys(readAlertSettings().namespace));
}

function withSilences(alerts: Alert[], silences: Map<string, { until: number }>, now: number): AlertView[] {
  return alerts.map((alert) => {
    const until = silences.get(alert.id)?.until ?? 0;
    return { ...alert, silencedUntil: until > now ? until : null };
  });
}

const ORDER: Record<Alert['state'], number> = { firing: 0, pending: 1, resolved: 2 };
const SEVERITY: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };
const byUrgency = (a: Alert, b: Alert) => ORDER[a.state] - ORDER[b.state] || SEVERITY[a.severity] - SEVERITY[b.severity] || a.activeAt - b.activeAt;

/** GET /api/alerts: pending and firing alerts, and the most recently resolved ones. */
export async function getAlerts(now = Date.now()): Promise<{ active: AlertView[]; recent: AlertView[] }> {
  const store = await openStore();
  const [active, silences, resolved] = await Promise.all([
    store.readActive(),
    store.readSilences(),
    store.readHistory((transition) => transition.to === 'resolved', 50),
  ]);
  return {
    active: withSilences(active.sort(byUrgency), silences, now),
    recent: withSilences(resolved.map((transition) => transition.alert), silences, now),
  };
}

/** Active alerts of one queue, for GET /api/queues/:queue. */
export async function getQueueAlerts(prefix: string, queue: string): Promise<AlertView[]> {
  const store = await openStore();
  const [active, silences] = await Promise.all([store.readActive(), store.readSilences()]);
  return withSilences(active.filter((alert) => alert.prefix === prefix && alert.queue === queue).sort(byUrgency), silences, Date.now());
}

export interface HistoryQuery {
  rule?: RuleName;
  queue?: string;
  limit: number;
}

/** The bounded alert history (state changes), newest first. */
export async function getAlertHistory(query: HistoryQuery): Promise<{ transitions: AlertTransition[] }> {
  const store = await openStore();
  const matches = (transition: AlertTransition) =>
    (!query.rule || transition.alert.rule === query.rule) && (query.queue === undefined || transition.alert.queue === query.queue);
  return { transitions: await store.readHistory(matches, query.limit, 5000) };
}

/** Silences an alert for `minutes` (0 lifts the silence). Silences stop notifications, never evaluation. */
export async function silenceAlert(id: string, minutes: number, by: string, now = Date.now()): Promise<{ id: string; silencedUntil: number | null }> {
  const store = await openStore();
  const active = await store.readActive();
  if (!active.some((alert) => alert.id === id) && !(await store.readSilences()).has(id)) {
    throw notFound(`Alert "${id}" is not pending or firing.`);
  }
  const until = minutes > 0 ? now + minutes * 60_000 : null;
  await store.silence(id, until ? { until, by, createdAt: now } : null);
  return { id, silencedUntil: until };
}

export interface RuleView {
  name: RuleName;
  severity: Alert['severity'];
  unit: (typeof RULES)[RuleName]['unit'];
  scope: 'queue' | 'global';
  description: string;
  /** Defaults with LOOKOUT_ALERT_RULES applied: what the rule falls back to without saved overrides. */
  base: RuleSettings;
  /** What evaluation uses now (base + saved overrides). */
  effective: RuleSettings;
  /** Per-queue settings that differ from the effective global ones. */
  queues: Record<string, RuleSettingsPatch>;
}

/** GET /api/alerts/rules: every rule with its base and effective settings, and the admin's saved overrides. */
export async function getAlertRules(): Promise<{ rules: RuleView[]; overrides: RuleOverrides }> {
  const store = await openStore();
  const env = readAlertSettings().rules;
  const overrides = await store.readOverrides();
  const base = buildRuleSet(env);
  const effective = buildRuleSet(env, overrides);
  const rules = RULE_NAMES.map((name) => ({
    name,
    severity: RULES[name].severity,
    unit: RULES[name].unit,
    scope: RULES[name].scope,
    description: RULES[name].description,
    base: settingsFor(base, name, null),
    effective: settingsFor(effective, name, null),
    queues: effective.queues[name],
  }));
  return { rules, overrides };
}

/** PUT /api/alerts/rules: replaces the saved overrides (same shape as LOOKOUT_ALERT_RULES). */
export async function saveAlertRules(overrides: RuleOverrides) {
  const store = await openStore();
  await store.saveOverrides(overrides);
  return getAlertRules();
}

export async function getWebhooks(): Promise<{ webhooks: WebhookView[] }> {
  const store = await openStore();
  const settings = readAlertSettings();
  return { webhooks: [...settings.webhooks, ...(await store.readWebhooks())].map(viewWebhook) };
}

/** PUT /api/alerts/webhooks: replaces the UI-managed webhooks (LOOKOUT_ALERT_WEBHOOKS ones stay). */
export async function saveWebhooks(edits: readonly WebhookEdit[]): Promise<{ webhooks: WebhookView[] }> {
  const store = await openStore();
  const envIds = new Set(readAlertSettings().webhooks.map((hook) => hook.id));
  const clash = edits.find((edit) => edit.id && envIds.has(edit.id));
  if (clash) throw invalid(`Webhook "${clash.id}" comes from LOOKOUT_ALERT_WEBHOOKS and cannot be edited here.`, 'webhooks');
  const next = applyWebhookEdits(await store.readWebhooks(), edits);
  const missingKey = next.findIndex((hook) => hook.format === 'pagerduty' && !hook.routingKey);
  if (missingKey >= 0) throw invalid('a pagerduty webhook needs a routingKey', `webhooks.${missingKey}.routingKey`);
  await store.saveWebhooks(next);
  return getWebhooks();
}

export async function getDeliveries(limit: number): Promise<{ deliveries: DeliveryAttempt[] }> {
  const redis = await getRedis();
  return { deliveries: await readDeliveries(redis, alertKeys(readAlertSettings().namespace), limit) };
}

/**
 * Sends a synthetic "TestNotification" alert to one webhook (or all) right away, one attempt each, logged like
 * any delivery, and answers with the outcome.
 */
export async function sendTestNotification(webhookId: string | undefined, by: string): Promise<{ results: DeliveryAttempt[] }> {
  const { redis, name: connection } = await getConnection();
  const settings = readAlertSettings();
  const store = new AlertStore(redis, alertKeys(settings.namespace));
  const webhooks = [...settings.webhooks, ...(await store.readWebhooks())].filter((hook) => !webhookId || hook.id === webhookId);
  if (webhookId && webhooks.length === 0) throw notFound(`Webhook "${webhookId}" was not found.`);
  const now = Date.now();
  const alert: Alert = {
    id: alertId('TestNotification', null, null, connection),
    rule: 'TestNotification',
    connection,
    prefix: null,
    queue: null,
    severity: 'info',
    state: 'firing',
    value: 0,
    threshold: 0,
    summary: `Test notification from Lookout, sent by ${by}`,
    activeAt: now,
    startsAt: now,
    endsAt: null,
    lastNotifiedAt: now,
  };
  const delivery = new DeliveryService(new DeliveryLog(redis, store.keys), { externalUrl: settings.externalUrl });
  return { results: await delivery.sendOnce(webhooks, [{ rule: alert.rule, status: 'firing', alerts: [alert] }], 'test') };
}
