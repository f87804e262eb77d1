/** The monitor's own keys, under Lookout's namespace (LOOKOUT_KEY_PREFIX). */
export function monitorLeaderKey(namespace: string): string {
  return `${namespace}:monitor:leader`;
}
