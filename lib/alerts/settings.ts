import { z } from 'zod';
import { DEFAULT_NAMESPACE } from './keys';
import { ruleOverridesSchema, type RuleOverrides } from './rules';
import { toWebhook, webhookListSchema, type Webhook } from './webhooks';

/** Alerting settings from the environment (ARCHITECTURE.md configuration contract), validated at load. */
export interface AlertSettings {
  namespace: string;
  rules: RuleOverrides;
  webhooks: Webhook[];
  intervalMs: number;
  /** The dashboard's address, for links in notifications. */
  externalUrl: string;
}

export class AlertConfigError extends Error {
  override name = 'AlertConfigError';
}

function parseJsonEnv<S extends z.ZodType>(name: string, raw: string | undefined, schema: S, fallback: z.infer<S>): z.infer<S> {
  if (!raw?.trim()) return fallback;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new AlertConfigError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AlertConfigError(`${name}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return result.data;
}

const interval = z.coerce.number().int().min(100).max(600_000);

export function readAlertSettings(env: Record<string, string | undefined> = process.env): AlertSettings {
  const intervalMs = interval.safeParse(env.LOOKOUT_MONITOR_INTERVAL_MS || 5000);
  if (!intervalMs.success) throw new AlertConfigError('LOOKOUT_MONITOR_INTERVAL_MS must be a whole number of milliseconds between 100 and 600000.');
  const hooks = parseJsonEnv('LOOKOUT_ALERT_WEBHOOKS', env.LOOKOUT_ALERT_WEBHOOKS, webhookListSchema, []);
  const host = env.HOSTNAME && env.HOSTNAME !== '0.0.0.0' ? env.HOSTNAME : '127.0.0.1';
  return {
    // LOOKOUT_KEY_PREFIX is the old name (lib/config readConfig refuses the two set apart).
    namespace: env.LOOKOUT_NAMESPACE || env.LOOKOUT_KEY_PREFIX || DEFAULT_NAMESPACE,
    rules: parseJsonEnv('LOOKOUT_ALERT_RULES', env.LOOKOUT_ALERT_RULES, ruleOverridesSchema, {}),
    webhooks: hooks.map((hook, index) => toWebhook(hook, 'env', index)),
    intervalMs: intervalMs.data,
    externalUrl: (env.NEXTAUTH_URL || `http://${host}:${env.PORT || 3000}`).replace(/\/$/, ''),
  };
}
