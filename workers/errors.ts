/** Failure reasons the runtime gives attempts; their names show up as the job's failedReason prefix in stack traces. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(
    readonly jobName: string,
    readonly timeoutSeconds: number,
  ) {
    super(`Job "${jobName}" timed out after ${timeoutSeconds} s`);
  }
}

/** The reason `ctx.signal` carries when the worker stops before the job finished; the job is released, not failed. */
export class ShutdownError extends Error {
  override name = 'ShutdownError';
  constructor() {
    super('The worker is shutting down; the job was released back to its queue');
  }
}

/** A job whose name no loaded definition has: it can never succeed here, so it fails without retries. */
export class UnknownJobError extends Error {
  override name = 'UnknownJobError';
  constructor(jobName: string) {
    super(`No job definition named "${jobName}" is loaded in this worker`);
  }
}

/** An error's message for a log line, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
