import { z } from 'zod';
import type { RangeQuery } from '@/lib/metrics';

const epochMs = z.coerce.number().int('must be ms since epoch').min(0).max(8_640_000_000_000_000);

const scope = {
  queue: z.string().min(1, 'queue name is empty').max(255, 'queue name is longer than 255 characters').optional(),
  prefix: z.string().min(1).max(200).optional(),
};

const range = {
  from: epochMs.optional(),
  to: epochMs.optional(),
  /** Seconds before `to` (or now): a range measured on the server's clock, so a browser's clock cannot skew it. */
  range: z.coerce.number().int().min(60, 'range is at least 60 seconds').max(400 * 86_400).optional(),
  /** Seconds per point; widened when the range would give more than ~500 points. */
  step: z.coerce.number().int().min(60, 'step is at least 60 seconds').max(30 * 86_400).optional(),
};

type RangeInput = { from?: number; to?: number };

function checkOrder(value: RangeInput, ctx: z.RefinementCtx): void {
  if (value.from !== undefined && value.to !== undefined && value.from >= value.to) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
  }
}

export const metricsQuery = z.object({ ...scope, ...range, jobName: z.string().min(1).max(255).optional() }).superRefine((value, ctx) => {
  checkOrder(value, ctx);
  if (value.jobName !== undefined && value.queue === undefined) {
    ctx.addIssue({ code: 'custom', path: ['jobName'], message: 'jobName needs a queue' });
  }
});

export const jobNamesQuery = z.object({ ...scope, queue: scope.queue.unwrap(), ...range }).superRefine(checkOrder);

export const summaryQuery = z.object(scope);

export const queueSeriesQuery = z.object({ ...range, limit: z.coerce.number().int().min(1, 'limit is at least 1').max(20, 'limit is at most 20').default(8) }).superRefine(checkOrder);

/** The range parameters as lib/metrics takes them (ms). */
export function toRangeQuery(input: { from?: number; to?: number; range?: number; step?: number }): RangeQuery {
  return {
    from: input.from,
    to: input.to,
    lastMs: input.range === undefined ? undefined : input.range * 1000,
    stepMs: input.step === undefined ? undefined : input.step * 1000,
  };
}
