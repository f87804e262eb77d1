import type { Redis } from 'ioredis';
import { auditStreamKey, toAuditEntry, type AuditEntry } from '../../lib/audit';

/** The audit entries a test wrote: the stream is shared, so each test file reads and removes only its own prefix. */
export async function auditEntriesFor(redis: Redis, prefix: string): Promise<AuditEntry[]> {
  const raw = await redis.xrange(auditStreamKey(), '-', '+');
  return raw.map(([id, fields]) => toAuditEntry(id, fields)).filter((entry) => entry.prefix === prefix);
}

export async function deleteAuditEntries(redis: Redis, prefix: string): Promise<void> {
  const ids = (await auditEntriesFor(redis, prefix)).map((entry) => entry.id);
  if (ids.length) await redis.xdel(auditStreamKey(), ...ids);
}
