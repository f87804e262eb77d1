import type { RedisClient } from '../redis';
import { ROLES, type Role } from '../auth';
import { auditStreamKey } from './keys';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditPage, type AuditRecord } from './types';

/** The stream is trimmed approximately (MAXLEN ~) to about this many entries, so it never grows without bound. */
export const AUDIT_MAX_ENTRIES = 10_000;
/** A bulk action over 100,000 jobs records its count and the first ids, not every id. */
export const AUDIT_MAX_JOB_IDS = 20;

export async function recordAudit(redis: RedisClient, record: AuditRecord, key = auditStreamKey(), now = Date.now()): Promise<string> {
  const fields: Record<string, string> = {
    at: String(now),
    actor: record.actor.name,
    role: record.actor.role,
    via: record.actor.via,
    action: record.action,
    queue: record.queue,
    prefix: record.prefix,
    jobIds: JSON.stringify(record.jobIds.slice(0, AUDIT_MAX_JOB_IDS)),
    count: String(record.count),
    params: JSON.stringify(record.params),
    result: record.result,
    message: record.message ?? '',
    durationMs: String(Math.round(record.durationMs)),
  };
  const id = await redis.xadd(key, 'MAXLEN', '~', AUDIT_MAX_ENTRIES, '*', ...Object.entries(fields).flat());
  return id ?? '';
}

function parseJsonOr<T>(raw: string | undefined, fallback: T, accept: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(raw ?? '');
    return accept(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
const isParams = (value: unknown): value is Record<string, string | number> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string' || typeof item === 'number');

/** Stream entries are Lookout's own writes, but read defensively: a hand-edited entry must not break the page. */
export function toAuditEntry(id: string, flat: string[]): AuditEntry {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) fields[flat[index] as string] = flat[index + 1] as string;
  const at = Number(fields.at);
  return {
    id,
    at: Number.isFinite(at) ? at : Number(id.split('-')[0]) || 0,
    actor: {
      name: fields.actor ?? 'unknown',
      role: ROLES.includes(fields.role as Role) ? (fields.role as Role) : 'viewer',
      via: fields.via ?? 'unknown',
    },
    action: AUDIT_ACTIONS.includes(fields.action as AuditAction) ? (fields.action as AuditAction) : 'unknown',
    queue: fields.queue ?? '',
    prefix: fields.prefix ?? '',
    jobIds: parseJsonOr(fields.jobIds, [], isStringArray),
    count: Number(fields.count) || 0,
    params: parseJsonOr(fields.params, {}, isParams),
    result: fields.result === 'error' ? 'error' : 'ok',
    message: fields.message ? fields.message : null,
    durationMs: Number(fields.durationMs) || 0,
  };
}

/** Newest first; pass the previous page's `nextCursor` as `before` to read older entries. */
export async function listAudit(redis: RedisClient, page: { limit: number; before?: string }, key = auditStreamKey()): Promise<AuditPage> {
  const end = page.before ? `(${page.before}` : '+';
  const raw = await redis.xrevrange(key, end, '-', 'COUNT', page.limit + 1);
  const entries = raw.slice(0, page.limit).map(([id, flat]) => toAuditEntry(id, flat));
  const last = entries[entries.length - 1];
  return { entries, nextCursor: raw.length > page.limit && last ? last.id : null };
}
