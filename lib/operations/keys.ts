import { LOOKOUT_NAMESPACE } from '../audit';

/**
 * Keys owned by lib/operations. An operation's own keys share the hash tag `{<id>}`, so every script that changes
 * one operation touches a single slot (Redis Cluster); the index of running operations is the only shared key.
 */
export interface OperationKeys {
  /** Hash: the operation's record (OperationRecord fields). */
  record: string;
  /** Sorted set: the ids of the matching jobs, snapshotted before any is touched, in scan order. */
  ids: string;
  /** Hash: job id → state stamp, for the chunk being applied (present only between claim and commit). */
  inflight: string;
  /** String: `<runner>:<token>` of the runner executing the operation, with a TTL. */
  lease: string;
}

export function operationKeys(id: string, namespace: string = LOOKOUT_NAMESPACE): OperationKeys {
  const base = `${namespace}:ops:{${id}}`;
  return { record: base, ids: `${base}:ids`, inflight: `${base}:inflight`, lease: `${base}:lease` };
}

/** Sorted set: ids of operations that are running or not yet audited, scored by creation time. */
export function runningOperationsKey(namespace: string = LOOKOUT_NAMESPACE): string {
  return `${namespace}:ops:running`;
}
