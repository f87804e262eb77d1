import { escapeGlob, lookoutShardKey } from '../redis';
import { LOOKOUT_ROOT } from '../workers';

/**
 * The worker runtime's batch keys. A BullMQ prefix's batch records and their index share the hash tag
 * `{lookout:batches:<prefix>}` (lib/redis lookoutShardKey), so creating a batch (record + index in one MULTI) works on a
 * Redis Cluster. The runtime writes them; the dashboard reads them and records cancellations. Member counts live in
 * BullMQ's own keys of the batch job (lib/redis jobChildrenKey).
 */
const batchShardKey = (prefix: string, ...parts: string[]) => lookoutShardKey(LOOKOUT_ROOT, `batches:${prefix}`, ...parts);

/** A batch's record: name, total, callbacks, cancellation (hash). */
export function batchKey(prefix: string, batchId: string): string {
  return batchShardKey(prefix, 'batch', batchId);
}

/** Sorted set of a prefix's batch ids scored by creation time, for listing the latest batches. */
export function batchIndexKey(prefix: string): string {
  return batchShardKey(prefix, 'index');
}

/** SCAN pattern matching every batch key of one BullMQ prefix (tests clean up with it). */
export function batchKeysPattern(prefix: string): string {
  return `${escapeGlob(batchShardKey(prefix, ''))}*`;
}
