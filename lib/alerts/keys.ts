import { LOOKOUT_NAMESPACE, lookoutKey } from '../redis';

/**
 * Keys owned by lib/alerts, built with lib/redis lookoutKey: `{<namespace>}:alerts:…`. The namespace (`lookout` by
 * default) lets two deployments, or two parallel tests, share one Redis; its hash tag keeps every key the commit
 * script and the leader lock touch in one cluster slot.
 */
export const DEFAULT_NAMESPACE = LOOKOUT_NAMESPACE;

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
  const key = (...parts: string[]) => lookoutKey(namespace, 'alerts', ...parts);
  return {
    state: key('state'),
    history: key('history'),
    silences: key('silences'),
    rules: key('rules'),
    webhooks: key('webhooks'),
    deliveries: key('deliveries'),
    leader: key('leader'),
    fence: key('leader', 'fence'),
  };
}
