import { jsonBodyOf, jsonRoute, parseInput } from '@/lib/http';
import { cleanJobsAction } from '@/lib/queues';
import { queueTarget } from '../../schema';
import { cleanBody } from './schema';

export const dynamic = 'force-dynamic';

/** Bulk delete in chunks: jobs of a state older than graceMs, one failure group, or listed ids → `{ count, skipped, scanned }`. */
export const POST = jsonRoute<{ queue: string }>(async (request, params, actor) => {
  const target = queueTarget(request, params);
  const body = parseInput(cleanBody, await jsonBodyOf(request));
  return cleanJobsAction(target, body, actor);
}, { role: 'operator' });
