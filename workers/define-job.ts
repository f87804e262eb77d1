import { z } from 'zod';
import { invalid } from '../lib/errors';

/**
 * Seconds to wait before the next attempt: one number for every retry, an array applied per attempt
 * (`[30, 60, 120]`: 30 s after the first failure, 60 s after the second, 120 s after every later one),
 * or a function of the attempt that failed (1-based) and its error.
 */
export type Backoff = number | readonly number[] | ((attempt: number, error: Error) => number);

/** The job as a handler sees it. */
export interface RunningJob<D> {
  readonly id: string;
  readonly name: string;
  readonly queue: string;
  readonly prefix: string;
  readonly data: D;
  /** Attempts that finished before this one (failures; releases do not count). */
  readonly attemptsMade: number;
  /** When the job was dispatched (ms since epoch). */
  readonly timestamp: number;
}

export interface JobContext<D> {
  readonly job: RunningJob<D>;
  /** This attempt's number, 1 for the first. */
  readonly attempt: number;
  /** Aborted when the attempt times out (reason: TimeoutError) or the worker stops (reason: ShutdownError). */
  readonly signal: AbortSignal;
  /** The batch this job belongs to, or null. */
  readonly batchId: string | null;
  /** Appends a line to the job's log (shown on the job page). */
  log(message: string): Promise<void>;
  /** Stores progress: a number 0..100 or any JSON object. */
  progress(value: number | object): Promise<void>;
  /**
   * Puts the job back on its queue after `delayMs` without counting an attempt. Return from the handler
   * after calling it: whatever the handler returns or throws afterwards is ignored.
   */
  release(delayMs?: number): void;
}

export interface FailedContext<D> {
  readonly job: RunningJob<D>;
  readonly attempt: number;
  readonly batchId: string | null;
}

export interface DispatchOptions {
  /** Milliseconds before the job may run. */
  delay?: number;
  /** Overrides the definition's queue. */
  queue?: string;
  /** BullMQ priority: 1 is the highest, 0 (default) means none. */
  priority?: number;
  /** A custom id; a second dispatch with the same id is ignored by BullMQ while the first exists. */
  jobId?: string;
}

export interface JobSpec<D, R> {
  name: string;
  /** Default queue for dispatches of this job; `default` when omitted. */
  queue?: string;
  /** Total attempts, the first included. Unset: the worker's `--tries` (1 by default). */
  tries?: number;
  backoff?: Backoff;
  /** Seconds an attempt may run before it fails with a TimeoutError. Unset: the worker's `--timeout`. */
  timeout?: number;
  /** Fail for good after this many attempts threw (timeouts are not counted), even with tries left. */
  maxExceptions?: number;
  /** Seconds after dispatch during which failed attempts are retried; without `tries`, attempts are unlimited. */
  retryUntil?: number;
  /**
   * Not enqueued again while a job with the same key is waiting, delayed or running (BullMQ deduplication).
   * `ttl` (seconds) caps how long the key holds; it is also released when the job finishes.
   */
  unique?: { key(data: D): string; ttl?: number };
  /** At most `max` attempts start per `perMs` for each key, across every worker process (Redis-backed). */
  rateLimit?: { key: string | ((data: D) => string); max: number; perMs: number };
  handle(data: D, ctx: JobContext<D>): Promise<R> | R;
  /** Runs once, after the job has failed for good. */
  failed?(data: D, error: Error, ctx: FailedContext<D>): Promise<void> | void;
}

/** A job added to a chain or a batch: `sendEmail.with({ to })`. */
export interface PendingJob {
  readonly definition: JobDefinition;
  readonly data: unknown;
  readonly options: DispatchOptions;
}

const DEFINITION = Symbol.for('lookout.job-definition');

// Methods (not function-typed properties) keep JobDefinition<{ to: string }> assignable to JobDefinition,
// so chains, batches and registries can hold definitions of any data type.
export interface JobDefinition<D = unknown, R = unknown> {
  readonly [DEFINITION]: true;
  readonly name: string;
  readonly queue: string;
  readonly tries?: number;
  readonly backoff?: Backoff;
  readonly timeout?: number;
  readonly maxExceptions?: number;
  readonly retryUntil?: number;
  readonly unique?: { key(data: D): string; readonly ttl?: number };
  readonly rateLimit?: { key(data: D): string; readonly max: number; readonly perMs: number };
  handle(data: D, ctx: JobContext<D>): Promise<R> | R;
  failed?(data: D, error: Error, ctx: FailedContext<D>): Promise<void> | void;
  with(data: D, options?: DispatchOptions): PendingJob;
}

const positiveInt = z.number().int().min(1);
const seconds = z.number().finite().min(0);
const callable = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'must be a function');

const specSchema = z.object({
  name: z.string().min(1).max(200),
  queue: z.string().min(1).max(255).optional(),
  tries: positiveInt.optional(),
  backoff: z.union([seconds, z.array(seconds).min(1), callable]).optional(),
  timeout: seconds.optional(),
  maxExceptions: positiveInt.optional(),
  retryUntil: seconds.optional(),
  unique: z.object({ key: callable, ttl: z.number().finite().positive().optional() }).optional(),
  rateLimit: z
    .object({ key: z.union([z.string().min(1), callable]), max: positiveInt, perMs: positiveInt })
    .optional(),
  handle: callable,
  failed: callable.optional(),
});

export const DEFAULT_QUEUE = 'default';

/** Declares a job: its name (how workers find it), where it runs, how it retries, and what it does. */
export function defineJob<D = unknown, R = unknown>(spec: JobSpec<D, R>): JobDefinition<D, R> {
  const checked = specSchema.safeParse(spec);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw invalid(`defineJob(${JSON.stringify(spec.name)}): ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`, field);
  }
  const { rateLimit } = spec;
  const definition: JobDefinition<D, R> = {
    [DEFINITION]: true,
    ...spec,
    queue: spec.queue ?? DEFAULT_QUEUE,
    rateLimit: rateLimit && {
      max: rateLimit.max,
      perMs: rateLimit.perMs,
      key: (data: D) => (typeof rateLimit.key === 'string' ? rateLimit.key : rateLimit.key(data)),
    },
    with: (data: D, options: DispatchOptions = {}) => ({ definition: definition as JobDefinition, data, options }),
  };
  return Object.freeze(definition);
}

export function isJobDefinition(value: unknown): value is JobDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DEFINITION] === true;
}
