import { z } from 'zod';
import { parseInput, searchParamsOf } from '@/lib/http';

export const batchParams = z.object({
  id: z.string().min(1, 'batch id is empty').max(100, 'batch id is longer than 100 characters'),
});

export const batchQuery = z.object({
  prefix: z.string().min(1).max(200).optional(),
});

/** The batch a route addresses: its id plus the optional `?prefix=`. */
export function batchTarget(request: Request, params: unknown) {
  const { id } = parseInput(batchParams, params);
  const { prefix } = parseInput(batchQuery, searchParamsOf(request));
  return { id, prefix };
}
