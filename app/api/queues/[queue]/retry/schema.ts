import { z } from 'zod';
import { RETRYABLE_STATES } from '@/lib/queues';
import { bulkSelection, noBothGroupAndIds } from '../../schema';

export const retryBody = bulkSelection
  .extend({ state: z.enum(RETRYABLE_STATES).default('failed') })
  .refine(noBothGroupAndIds.check, noBothGroupAndIds.params);
