import { getAuditLog } from '@/lib/audit';
import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { auditQuery } from './schema';

export const dynamic = 'force-dynamic';

/** Who did what, when: newest first, `{ entries, nextCursor }`. */
export const GET = jsonRoute(async (request) => getAuditLog(parseInput(auditQuery, searchParamsOf(request))), { role: 'viewer' });
