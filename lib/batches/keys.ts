import { LOOKOUT_ROOT } from '../workers';

/**
 * The worker runtime's batch keys, under `lookout:` like its other keys (lib/workers/keys.ts), so one SCAN pattern
 * (runtimeKeysPattern) still finds every runtime key of a BullMQ prefix. The runtime writes them; the dashboard reads
 * them and records cancellations. Member counts live in BullMQ's own keys of the batch job (lib/redis jobChildrenKey).
 */

/** A batch's record: name, total, callbacks, cancellation (hash). */
export function batchKey(prefix: string, batchId: string): string {
  return `${LOOKOUT_ROOT}:batch:${prefix}:${batchId}`;
}

/** Sorted set of a prefix's batch ids scored by creation time, for listing the latest batches. */
export function batchIndexKey(prefix: string): string {
  return `${LOOKOUT_ROOT}:batches:${prefix}`;
}
