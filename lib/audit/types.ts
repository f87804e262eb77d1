import type { Role } from '../auth';

export const AUDIT_ACTIONS = [
  'job.retry',
  'job.delete',
  'job.promote',
  'queue.retry',
  'queue.clean',
  'queue.pause',
  'queue.resume',
  // A background operation on the jobs matching a query (lib/operations), recorded once when it ends.
  'bulk.retry',
  'bulk.delete',
  'bulk.promote',
  // An operator's action on a worker-runtime batch (lib/batches); queue and prefix are the batch job's.
  'batch.retry',
  'batch.cancel',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a mutating action records: who, what, where, how many, and how it ended. */
export interface AuditRecord {
  actor: { name: string; role: Role; via: string };
  action: AuditAction;
  queue: string;
  prefix: string;
  /** The jobs named by the request (a bulk action lists the first few; `count` says how many were affected). */
  jobIds: string[];
  count: number;
  /** The request's parameters that matter for reading the log later (state, group, graceMs). */
  params: Record<string, string | number>;
  result: 'ok' | 'error';
  /** Why it failed, or a short note on what happened. */
  message: string | null;
  durationMs: number;
}

export interface AuditEntry extends Omit<AuditRecord, 'action'> {
  /** `unknown` for an entry written by a newer Lookout with an action this one does not know. */
  action: AuditAction | 'unknown';
  /** The stream entry id; also the paging cursor. */
  id: string;
  at: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}
