import { jsonBodyOf, jsonRoute, parseInput } from '@/lib/http';
import { retryJobsAction } from '@/lib/queues';
import { queueTarget } from '../../schema';
import { retryBody } from './schema';

export const dynamic = 'force-dynamic';

/** Bulk retry in chunks: every failed (or completed) job, one failure group, or listed ids → `{ count, skipped, scanned }`. */
export const POST = jsonRoute<{ queue: string }>(async (request, params, actor) => {
  const target = queueTarget(request, params);
  const body = parseInput(retryBody, await jsonBodyOf(request));
  return retryJobsAction(target, body, actor);
}, { role: 'operator' });
