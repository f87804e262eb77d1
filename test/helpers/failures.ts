import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';

export interface FailureSpec {
  id: string;
  error: Error;
  data?: Record<string, unknown>;
}

/**
 * With plain BullMQ only: adds each job and fails it with its error through a processor-less worker,
 * so failedReason, stacktrace and finishedOn are exactly what a real worker writes.
 */
export async function seedFailures(connection: ConnectionOptions, prefix: string, queueName: string, failures: readonly FailureSpec[]) {
  const queue = new Queue(queueName, { connection, prefix });
  const worker = new Worker(queueName, null, { connection, prefix });
  const token = 'seed-failures';
  for (const failure of failures) {
    await queue.add('sync', failure.data ?? { id: failure.id }, { jobId: failure.id, attempts: 1 });
    const job = (await worker.getNextJob(token)) as Job;
    await job.moveToFailed(failure.error, token, false);
  }
  await worker.close(true);
  return queue;
}

/** Errors thrown from two different places, so their stacks' top frames differ. */
export function partnerError(account: number): Error {
  return new Error(`Partner API answered 503 for account ${account}`);
}

export function parseError(field: string): TypeError {
  return new TypeError(`Cannot read properties of undefined (reading '${field}')`);
}
