import type { AuditRecord } from '../audit';
import type { OperationRecord } from './types';

/** The one audit entry an operation leaves when it ends: the query, who asked, and how many jobs it changed. */
export function auditRecordOf(record: OperationRecord): AuditRecord {
  const { state, q, olderThanMs, newerThanMs, group } = record.query;
  const params: Record<string, string | number> = { operationId: record.id, state, matched: record.total, failed: record.failed };
  if (q) params.q = q;
  if (olderThanMs !== undefined) params.olderThanMs = olderThanMs;
  if (newerThanMs !== undefined) params.newerThanMs = newerThanMs;
  if (group !== undefined) params.group = group;
  const outcome: Record<OperationRecord['state'], string | null> = {
    running: null,
    done: null,
    cancelled: `cancelled${record.cancelledBy ? ` by ${record.cancelledBy}` : ''} after ${record.done} of ${record.total} matching jobs`,
    failed: record.error,
  };
  return {
    actor: record.actor,
    action: `bulk.${record.action}`,
    queue: record.queue,
    prefix: record.prefix,
    jobIds: [],
    count: record.done,
    params,
    result: record.state === 'failed' ? 'error' : 'ok',
    message: outcome[record.state],
    durationMs: (record.finishedAt ?? record.startedAt) - record.startedAt,
  };
}
