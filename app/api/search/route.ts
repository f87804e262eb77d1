import { jsonRoute, parseInput, searchParamsOf } from '@/lib/http';
import { findJobEverywhere } from '@/lib/queues';
import { searchQuery } from './schema';

export const dynamic = 'force-dynamic';

/** A job id looked up in every queue: `{ jobs: [{ queue, prefix, id, name, state, timestamp }] }`. */
export const GET = jsonRoute(async (request) => findJobEverywhere(parseInput(searchQuery, searchParamsOf(request)).id), { role: 'viewer' });
