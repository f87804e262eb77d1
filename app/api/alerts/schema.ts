import { z } from 'zod';
import { RULE_NAMES, ruleOverridesSchema, webhookEditSchema } from '@/lib/alerts';

/** Path, query and body schemas of the /api/alerts/** routes. */
export const alertParams = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/, 'id must be an alert id (16 hex characters)'),
});

export const silenceBody = z.object({
  minutes: z.number().int().min(0, 'minutes must be 0 (lift the silence) or more').max(7 * 24 * 60, 'silences last at most 7 days'),
});

export const historyQuery = z.object({
  rule: z.enum(RULE_NAMES).optional(),
  queue: z.string().min(1).max(255).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const rulesBody = ruleOverridesSchema;

export const webhooksBody = z.object({ webhooks: z.array(webhookEditSchema).max(50) });

export const testNotificationBody = z.object({ webhookId: z.string().min(1).max(64).optional() }).default({});
