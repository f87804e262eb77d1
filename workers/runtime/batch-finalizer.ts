import type { Job } from 'bullmq';
import { z } from 'zod';
import { batchCallbackJobId, type BatchCallbackKind, type BatchStore } from '../../lib/batches';
import type { Dispatcher } from '../dispatch/dispatcher';

const batchJobData = z.object({ batchId: z.string().min(1) });

/**
 * Runs when BullMQ moves the batch job to wait, i.e. once every member completed or failed for good:
 * dispatches the callbacks that apply (`catch` when any member failed, else `then` unless cancelled; `finally`
 * always) and marks the batch finished. Callback ids are fixed, so a retry of this job adds each one once.
 */
export async function finishBatch(job: Job, batches: BatchStore, dispatcher: Dispatcher) {
  const { batchId } = batchJobData.parse(job.data);
  const record = await batches.read(batchId);
  if (!record) return { batchId, missing: true };
  const counts = await job.getDependenciesCount({ ignored: true, failed: true });
  const failed = (counts.ignored ?? 0) + (counts.failed ?? 0);
  const cancelled = record.cancelledAt !== null;
  const kinds: BatchCallbackKind[] = [failed > 0 ? 'catch' : cancelled ? null : 'then', 'finally'].filter(
    (kind): kind is BatchCallbackKind => kind !== null,
  );
  for (const kind of kinds) {
    const callback = record.callbacks[kind];
    if (callback) await dispatcher.add({ ...callback, opts: { ...callback.opts, jobId: batchCallbackJobId(batchId, kind) } });
  }
  await batches.markFinished(batchId);
  return { batchId, total: record.total, failed, cancelled };
}
