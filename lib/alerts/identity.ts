import { createHash } from 'node:crypto';
import { DEFAULT_CONNECTION } from '../config';
import type { RuleName } from './types';

/**
 * The stable id of a (connection, rule, prefix, queue) alert: 16 hex characters, like an Alertmanager fingerprint.
 * The same condition coming back gets the same id, so silences and PagerDuty dedup keys keep working. The
 * connection is hashed in only when it is not the single default one, so ids from before connections existed stay.
 */
export function alertId(rule: RuleName | 'TestNotification', prefix: string | null, queue: string | null, connection: string = DEFAULT_CONNECTION): string {
  const scope = connection === DEFAULT_CONNECTION ? '' : `\u0000${connection}`;
  return createHash('sha256').update(`${rule}\u0000${prefix ?? ''}\u0000${queue ?? ''}${scope}`).digest('hex').slice(0, 16);
}
