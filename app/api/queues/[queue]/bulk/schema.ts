import { z } from 'zod';
import { BULK_ACTIONS, JOB_STATES } from '@/lib/queues';
import { jobQuery } from '../../schema';

/** An action on every job of a queue that matches a query: the body of /bulk and /bulk/preview. */
export const bulkBody = jobQuery.extend({
  action: z.enum(BULK_ACTIONS),
  state: z.enum(JOB_STATES),
});
