import { LOOKOUT_NAMESPACE, lookoutKey } from '../redis';

/** The audit log's key (`{lookout}:audit`, see lib/redis lookoutKey) is built here and nowhere else. */
export { LOOKOUT_NAMESPACE };

export function auditStreamKey(namespace: string = LOOKOUT_NAMESPACE): string {
  return lookoutKey(namespace, 'audit');
}
