/** Lookout's own keys live under `lookout:`; the audit log's keys are built here and nowhere else. */
export const LOOKOUT_NAMESPACE = 'lookout';

export function auditStreamKey(namespace: string = LOOKOUT_NAMESPACE): string {
  return `${namespace}:audit`;
}
