/**
 * Keys owned by lib/alerts. Every Lookout key starts with a namespace (`lookout` by default) so two
 * deployments, or two parallel tests, can share one Redis.
 */
export const DEFAULT_NAMESPACE = 'lookout';

export interface AlertKeys {
  /** Hash: alert id → JSON of the pending/firing Alert. */
  state: string;
  /** Stream (capped): JSON AlertTransition per entry. */
  history: string;
  /** Hash: alert id → JSON Silence. */
  silences: string;
  /** String: JSON rule overrides saved by admins. */
  rules: string;
  /** String: JSON array of webhooks saved by admins. */
  webhooks: string;
  /** Stream (capped): JSON DeliveryAttempt per entry. */
  deliveries: string;
  /** String: the evaluator's leader lock (`<owner>:<fencing token>`). */
  leader: string;
  /** Counter handing out fencing tokens. */
  fence: string;
}

export function alertKeys(namespace: string = DEFAULT_NAMESPACE): AlertKeys {
  const base = `${namespace}:alerts`;
  return {
    state: `${base}:state`,
    history: `${base}:history`,
    silences: `${base}:silences`,
    rules: `${base}:rules`,
    webhooks: `${base}:webhooks`,
    deliveries: `${base}:deliveries`,
    leader: `${base}:leader`,
    fence: `${base}:leader:fence`,
  };
}
