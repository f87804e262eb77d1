import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { invalid } from '../../lib/errors';
import type { DispatchOptions, PendingJob } from '../define-job';
import { UNLIMITED_ATTEMPTS } from '../runtime/retry';

/** A job ready for BullMQ: what Queue.add and FlowProducer need. */
export interface BullJobSpec {
  name: string;
  queue: string;
  data: unknown;
  opts: JobsOptions;
}

const dispatchOptionsSchema = z.object({
  delay: z.number().int().min(0).optional(),
  queue: z.string().min(1).max(255).optional(),
  priority: z.number().int().min(0).max(2_097_152).optional(),
  // BullMQ reads an all-digit custom id as one of its own counters, and ':' breaks its key layout.
  jobId: z
    .string()
    .min(1)
    .max(255)
    .refine((id) => !/^\d+$/.test(id) && !id.includes(':'), 'jobId must not be all digits or contain ":"')
    .optional(),
});

function checkOptions(options: DispatchOptions): DispatchOptions {
  const checked = dispatchOptionsSchema.safeParse(options);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw invalid(`dispatch options: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`, field);
}

/** Turns a definition, its data and dispatch options into BullMQ's name, queue, data and job options. */
export function toBullJob({ definition, data, options }: PendingJob): BullJobSpec {
  const { delay, queue, priority, jobId } = checkOptions(options);
  const opts: JobsOptions = {};
  // Unset tries leave `attempts` to the worker's --tries; retryUntil alone means "retry until the deadline".
  const attempts = definition.tries ?? (definition.retryUntil !== undefined ? UNLIMITED_ATTEMPTS : undefined);
  if (attempts !== undefined) opts.attempts = attempts;
  if (definition.unique) {
    const ttl = definition.unique.ttl;
    opts.deduplication = { id: `${definition.name}:${definition.unique.key(data)}`, ...(ttl ? { ttl: Math.round(ttl * 1000) } : {}) };
  }
  if (delay) opts.delay = delay;
  if (priority) opts.priority = priority;
  if (jobId !== undefined) opts.jobId = jobId;
  return { name: definition.name, queue: queue ?? definition.queue, data, opts };
}

/** Job options for a flow member: BullMQ does not deduplicate jobs in flows, so unique applies to dispatch() only. */
export function flowJobOptions(spec: BullJobSpec): Omit<JobsOptions, 'deduplication'> {
  const { deduplication: _deduplication, ...opts } = spec.opts;
  return opts;
}
