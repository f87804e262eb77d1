import { z } from 'zod';

export const WEBHOOK_FORMATS = ['alertmanager', 'slack', 'pagerduty'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL');

const secretText = z.string().min(1).max(500);

/** One entry of LOOKOUT_ALERT_WEBHOOKS, validated when it loads. */
export const webhookInputSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id: letters, digits, - and _ only').optional(),
    name: z.string().min(1).max(100).optional(),
    url: httpUrl,
    format: z.enum(WEBHOOK_FORMATS).default('alertmanager'),
    secret: secretText.optional(),
    routingKey: secretText.optional(),
  })
  .strict()
  .refine((hook) => hook.format !== 'pagerduty' || hook.routingKey, { message: 'a pagerduty webhook needs a routingKey', path: ['routingKey'] });

export const webhookListSchema = z.array(webhookInputSchema).max(50);

export interface Webhook {
  id: string;
  name: string;
  url: string;
  format: WebhookFormat;
  secret?: string;
  routingKey?: string;
  /** `env` ones come from LOOKOUT_ALERT_WEBHOOKS and are read-only in the UI. */
  source: 'env' | 'ui';
}

/** A webhook as the API shows it: never its secret or routing key, only whether one is set. */
export interface WebhookView extends Omit<Webhook, 'secret' | 'routingKey'> {
  hasSecret: boolean;
  hasRoutingKey: boolean;
}

export function toWebhook(input: z.infer<typeof webhookInputSchema>, source: Webhook['source'], index: number): Webhook {
  return {
    id: input.id ?? `${source}-${index + 1}`,
    name: input.name ?? `${input.format} ${new URL(input.url).host}`,
    url: input.url,
    format: input.format,
    ...(input.secret ? { secret: input.secret } : {}),
    ...(input.routingKey ? { routingKey: input.routingKey } : {}),
    source,
  };
}

export function viewWebhook({ secret, routingKey, ...rest }: Webhook): WebhookView {
  return { ...rest, hasSecret: Boolean(secret), hasRoutingKey: Boolean(routingKey) };
}

/** Where a request goes, for logs visible to every viewer: the host only (Slack puts its secret in the path). */
export function webhookTarget(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}

/**
 * An admin's edit of the UI webhooks. A secret or routing key left out keeps the stored one (the API never
 * sends them back), `null` removes it.
 */
export const webhookEditSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    name: z.string().min(1).max(100).optional(),
    url: httpUrl,
    format: z.enum(WEBHOOK_FORMATS).default('alertmanager'),
    secret: secretText.nullable().optional(),
    routingKey: secretText.nullable().optional(),
  })
  .strict();
export type WebhookEdit = z.infer<typeof webhookEditSchema>;

/** Applies edits to the stored UI webhooks; ids are kept, new entries get `ui-<n>` ids. */
export function applyWebhookEdits(stored: readonly Webhook[], edits: readonly WebhookEdit[]): Webhook[] {
  const byId = new Map(stored.map((hook) => [hook.id, hook]));
  const used = new Set(edits.map((edit) => edit.id).filter(Boolean));
  let next = 1;
  const freshId = () => {
    while (used.has(`ui-${next}`)) next++;
    used.add(`ui-${next}`);
    return `ui-${next}`;
  };
  return edits.map((edit) => {
    const old = edit.id ? byId.get(edit.id) : undefined;
    const secret = edit.secret === undefined ? old?.secret : (edit.secret ?? undefined);
    const routingKey = edit.routingKey === undefined ? old?.routingKey : (edit.routingKey ?? undefined);
    return toWebhook({ id: edit.id ?? freshId(), name: edit.name, url: edit.url, format: edit.format, secret, routingKey }, 'ui', 0);
  });
}
