export { auditStreamKey, LOOKOUT_NAMESPACE } from './keys';
export { recordAudit, listAudit, toAuditEntry, AUDIT_MAX_ENTRIES, AUDIT_MAX_JOB_IDS } from './log';
export { AUDIT_ACTIONS } from './types';
export type { AuditAction, AuditEntry, AuditPage, AuditRecord } from './types';
export { getAuditLog } from './service';
