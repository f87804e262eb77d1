import { z } from 'zod';
import { JOB_STATES } from '@/lib/queues';

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

export const jobsQuery = prefixQuery.extend({
  state: z.enum(JOB_STATES).default('waiting'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,10}$/, 'cursor must be a value returned as nextCursor')
    .transform(Number)
    .default(0),
});
