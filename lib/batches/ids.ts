/** Job name of the parent job that finishes a batch (runs its callbacks) once every member is done. */
export const BATCH_JOB_NAME = 'lookout:batch';

const BATCH_JOB_PREFIX = 'lookout-batch-';
export type BatchCallbackKind = 'then' | 'catch' | 'finally';

/** The batch's parent job id; a batch member finds its batch through its parent. */
export function batchJobId(batchId: string): string {
  return `${BATCH_JOB_PREFIX}${batchId}`;
}

/** Callbacks get fixed ids, so dispatching one twice (a retried finalizer) adds it once. */
export function batchCallbackJobId(batchId: string, kind: BatchCallbackKind): string {
  return `${BATCH_JOB_PREFIX}${batchId}-${kind}`;
}

const CALLBACK_ID = new RegExp(`^${BATCH_JOB_PREFIX}(.+)-(then|catch|finally)$`);

interface JobIds {
  id?: string;
  parent?: { id?: string };
}

/** The batch a job is a member of (its parent is the batch job), or null. */
export function batchOfMember(job: JobIds): string | null {
  const parentId = job.parent?.id;
  return parentId?.startsWith(BATCH_JOB_PREFIX) ? parentId.slice(BATCH_JOB_PREFIX.length) : null;
}

/** The batch a job belongs to, as a member or as one of its callbacks. */
export function batchIdOf(job: JobIds): string | null {
  const callback = job.id ? CALLBACK_ID.exec(job.id) : null;
  return batchOfMember(job) ?? callback?.[1] ?? null;
}
