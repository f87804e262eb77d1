import { lookoutKey } from '../redis';

/** The monitor's own keys, under Lookout's namespace (LOOKOUT_NAMESPACE): `{<namespace>}:monitor:…`. */
export function monitorLeaderKey(namespace: string): string {
  return lookoutKey(namespace, 'monitor', 'leader');
}
