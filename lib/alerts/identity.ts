import { createHash } from 'node:crypto';
import type { RuleName } from './types';

/**
 * The stable id of a (rule, prefix, queue) alert: 16 hex characters, like an Alertmanager fingerprint.
 * The same condition coming back gets the same id, so silences and PagerDuty dedup keys keep working.
 */
export function alertId(rule: RuleName | 'TestNotification', prefix: string | null, queue: string | null): string {
  return createHash('sha256').update(`${rule}\u0000${prefix ?? ''}\u0000${queue ?? ''}`).digest('hex').slice(0, 16);
}
