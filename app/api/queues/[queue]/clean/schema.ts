import { z } from 'zod';
import { CLEANABLE_STATES } from '@/lib/queues';
import { bulkSelection, noBothGroupAndIds } from '../../schema';

export const cleanBody = bulkSelection
  .extend({
    state: z.enum(CLEANABLE_STATES),
    graceMs: z.number().int().min(0).max(10 * 365 * 24 * 3_600_000).default(0),
  })
  .refine(noBothGroupAndIds.check, noBothGroupAndIds.params);
