import { getRedis } from '../redis';
import { listAudit } from './log';
import type { AuditPage } from './types';

/** What GET /api/audit answers: the newest entries first, paged with `cursor`. */
export async function getAuditLog(query: { limit: number; cursor?: string }): Promise<AuditPage> {
  return listAudit(await getRedis(), { limit: query.limit, before: query.cursor });
}
