import { z } from 'zod';

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,20}-\d{1,20}$/, 'cursor must be a value returned as nextCursor')
    .optional(),
});
