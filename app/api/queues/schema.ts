import { z } from 'zod';
import { parseInput, searchParamsOf } from '@/lib/http';
import { BULK_CHUNK_SIZE, JOB_STATES } from '@/lib/queues';

/** Path and query schemas shared by the /api/queues/** routes. */
export const queueParams = z.object({
  queue: z.string().min(1, 'queue name is empty').max(255, 'queue name is longer than 255 characters'),
});

export const jobParams = queueParams.extend({
  id: z.string().min(1, 'job id is empty').max(255, 'job id is longer than 255 characters'),
});

export const prefixQuery = z.object({
  prefix: z.string().min(1).max(200).optional(),
});

const TEN_YEARS_MS = 10 * 365 * 24 * 3_600_000;
const ageMs = z.number().int().min(0).max(TEN_YEARS_MS);
const fingerprint = z.string().regex(/^[0-9a-f]{16}$/, 'group must be a fingerprint from /failures');

/** What selects jobs for a search or a bulk action: a state narrowed by a term, an age range and a failure group. */
export const jobQuery = z.object({
  state: z.enum(JOB_STATES).default('waiting'),
  q: z.string().max(500, 'q is longer than 500 characters').optional(),
  olderThanMs: ageMs.optional(),
  newerThanMs: ageMs.optional(),
  group: fingerprint.optional(),
});

export const jobsQuery = prefixQuery.extend({
  ...jobQuery.shape,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,10}$/, 'cursor must be a value returned as nextCursor')
    .transform(Number)
    .default(0),
  olderThanMs: z.coerce.number().pipe(ageMs).optional(),
  newerThanMs: z.coerce.number().pipe(ageMs).optional(),
});

/** The queue (and job) an action addresses: path parameters plus the optional `?prefix=`. */
export function queueTarget(request: Request, params: unknown) {
  const { queue } = parseInput(queueParams, params);
  const { prefix } = parseInput(prefixQuery, searchParamsOf(request));
  return { queue, prefix };
}

export function jobTarget(request: Request, params: unknown) {
  const { id } = parseInput(jobParams, params);
  return { ...queueTarget(request, params), id };
}

/** Narrows a bulk action to one failure group or to listed jobs (the dashboard's selection). */
export const bulkSelection = z.object({
  group: fingerprint.optional(),
  ids: z.array(jobParams.shape.id).min(1, 'ids is empty').max(BULK_CHUNK_SIZE, `at most ${BULK_CHUNK_SIZE} ids per request`).optional(),
});

export const noBothGroupAndIds = {
  check: (body: { group?: string; ids?: string[] }) => body.group === undefined || body.ids === undefined,
  params: { message: 'give either group or ids, not both', path: ['ids'] },
};
