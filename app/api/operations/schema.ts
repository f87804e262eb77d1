import { z } from 'zod';

export const operationParams = z.object({
  id: z.uuid('id must be an operationId returned by POST /api/queues/:queue/bulk'),
});

export const operationsQuery = z.object({
  queue: z.string().min(1).max(255).optional(),
  prefix: z.string().min(1).max(200).optional(),
});
