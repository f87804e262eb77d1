import type { RedisClient } from '../redis';
import { BULK_ACTIONS, JOB_STATES, type BulkAction, type JobQuery, type JobState } from '../queues';
import { operationKeys, runningOperationsKey, type OperationKeys } from './keys';
import { OPERATION_STATES, type OperationRecord, type OperationRequest, type OperationState } from './types';

/** A runner's hold on one operation: every change it makes checks this value atomically. */
export interface Lease {
  value: string;
  ttlMs: number;
}

/** The runner no longer holds the operation (its lease expired and another runner took over). */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
}

/** Finished operations stay readable for this long, then expire. */
export const OPERATION_RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * Every script that changes an operation starts with this fence: KEYS[1] record, KEYS[2] lease · ARGV[1] lease
 * value, ARGV[2] lease TTL in ms. It renews the lease when the caller still holds it.
 */
const FENCE = `
local function fenced()
  if redis.call('GET', KEYS[2]) ~= ARGV[1] then return false end
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  return true
end
local function running()
  return redis.call('HGET', KEYS[1], 'state') == 'running'
end
`;

/** Ends an operation: KEYS[3] inflight, KEYS[4] ids; the snapshot is dropped, the record stays for its audit entry. */
const FINISH = `
local function finish(state, now)
  redis.call('HSET', KEYS[1], 'state', state, 'finishedAt', now, 'auditPending', '1')
  redis.call('HDEL', KEYS[1], 'inflightPosition', 'inflightLength')
  redis.call('DEL', KEYS[3], KEYS[4])
end
`;

/**
 * Takes or renews the lease of an operation that still has work (running, or finished but not yet audited).
 * KEYS[1] record, KEYS[2] lease · ARGV[1] lease value, ARGV[2] ttl ms · 1 when held, 0 otherwise.
 */
const ACQUIRE = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 0 end
if state ~= 'running' and redis.call('HGET', KEYS[1], 'auditPending') ~= '1' then return 0 end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 1`;

/**
 * Appends a window's matching ids to the snapshot and moves the scan position, together: a runner that stops
 * between two windows resumes at the next one, and ZADD NX keeps an id that shifted into a later window once.
 * FENCE keys + KEYS[3] ids · FENCE argv + ARGV[3] expected scan position, ARGV[4] window length, ARGV[5] jobs in the
 * state, ARGV[6] "1" when the scan reached the end, ARGV[7..] score/id pairs · matched so far, -1 lease lost,
 * -2 out of step.
 */
const COMMIT_SCAN = `${FENCE}
if not fenced() then return -1 end
if not running() or redis.call('HGET', KEYS[1], 'phase') ~= 'matching' or redis.call('HGET', KEYS[1], 'scanned') ~= ARGV[3] then return -2 end
if #ARGV > 6 then redis.call('ZADD', KEYS[3], 'NX', unpack(ARGV, 7)) end
local total = redis.call('ZCARD', KEYS[3])
redis.call('HSET', KEYS[1], 'scanned', tonumber(ARGV[3]) + tonumber(ARGV[4]), 'scanTotal', ARGV[5], 'total', total)
if ARGV[6] == '1' then redis.call('HSET', KEYS[1], 'phase', 'applying') end
return total`;

/**
 * Records the chunk about to be applied: each eligible job with the stamp of the state it is in now (its score),
 * so a runner that dies before the commit can tell, job by job, whether the action had happened.
 * FENCE keys + KEYS[3] inflight · FENCE argv + ARGV[3] expected position, ARGV[4] chunk length, ARGV[5..] id/stamp
 * pairs · 1, -1 lease lost, -2 out of step.
 */
const CLAIM = `${FENCE}
if not fenced() then return -1 end
if not running() or redis.call('HGET', KEYS[1], 'position') ~= ARGV[3] or redis.call('HEXISTS', KEYS[1], 'inflightPosition') == 1 then return -2 end
redis.call('DEL', KEYS[3])
if #ARGV > 4 then redis.call('HSET', KEYS[3], unpack(ARGV, 5)) end
redis.call('HSET', KEYS[1], 'inflightPosition', ARGV[3], 'inflightLength', ARGV[4])
return 1`;

/**
 * Moves the position past a chunk and adds its counts in one step, then ends the operation when it reached the end
 * or was asked to stop: counts are exact at every chunk boundary, and a cancel lands on one.
 * FENCE keys + KEYS[3] inflight, KEYS[4] ids · FENCE argv + ARGV[3] expected position, ARGV[4] chunk length,
 * ARGV[5] jobs done, ARGV[6] now · the state after the commit, -1 lease lost, -2 out of step.
 */
const COMMIT_CHUNK = `${FENCE}${FINISH}
if not fenced() then return -1 end
if not running() or redis.call('HGET', KEYS[1], 'position') ~= ARGV[3] then return -2 end
local length, done = tonumber(ARGV[4]), tonumber(ARGV[5])
local position = tonumber(ARGV[3]) + length
redis.call('HINCRBY', KEYS[1], 'done', done)
redis.call('HINCRBY', KEYS[1], 'failed', length - done)
redis.call('HSET', KEYS[1], 'position', position)
redis.call('HDEL', KEYS[1], 'inflightPosition', 'inflightLength')
redis.call('DEL', KEYS[3])
if position >= tonumber(redis.call('HGET', KEYS[1], 'total')) then finish('done', ARGV[6]); return 'done' end
if redis.call('HGET', KEYS[1], 'cancelRequested') == '1' then finish('cancelled', ARGV[6]); return 'cancelled' end
return 'running'`;

/**
 * Ends a running operation outside a chunk commit (nothing matched, cancelled while matching, or failed). Only a
 * failure may end it with a chunk claimed, since that chunk's count would be unknown.
 * FENCE keys + KEYS[3] inflight, KEYS[4] ids · FENCE argv + ARGV[3] state, ARGV[4] now, ARGV[5] error ("" for none)
 * · 1, -1 lease lost, -2 out of step.
 */
const END = `${FENCE}${FINISH}
if not fenced() then return -1 end
if not running() then return -2 end
if ARGV[3] ~= 'failed' and redis.call('HEXISTS', KEYS[1], 'inflightPosition') == 1 then return -2 end
finish(ARGV[3], ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[5]) end
return 1`;

/** KEYS[1] record, KEYS[2] lease · ARGV[1] lease value, ARGV[2] retention ms · 1, or -1 when the lease is lost. */
const MARK_AUDITED = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return -1 end
redis.call('HDEL', KEYS[1], 'auditPending')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('DEL', KEYS[2])
return 1`;

/** KEYS[1] record · ARGV[1] who asked · 1 when the running operation will stop, 0 when it had already ended. */
const REQUEST_CANCEL = `
if redis.call('HGET', KEYS[1], 'state') ~= 'running' then return 0 end
if redis.call('HGET', KEYS[1], 'cancelRequested') ~= '1' then
  redis.call('HSET', KEYS[1], 'cancelRequested', '1', 'cancelledBy', ARGV[1])
end
return 1`;

/** KEYS[1] lease · ARGV[1] lease value · 1 when released. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

function numberOr(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(value) ? value : fallback;
}

function parseJson<T>(raw: string | undefined, fallback: T): T {
  try {
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** Reads a record defensively: a hand-edited hash must not break the API. */
export function toOperationRecord(hash: Record<string, string>): OperationRecord | null {
  if (!hash.id) return null;
  const actor = parseJson<OperationRecord['actor']>(hash.actor, { name: 'unknown', role: 'viewer', via: 'unknown' });
  const query = parseJson<JobQuery>(hash.query, { state: 'waiting' });
  const inflightPosition = hash.inflightPosition;
  return {
    id: hash.id,
    action: BULK_ACTIONS.includes(hash.action as BulkAction) ? (hash.action as BulkAction) : 'retry',
    queue: hash.queue ?? '',
    prefix: hash.prefix ?? '',
    query: { ...query, state: JOB_STATES.includes(query.state) ? query.state : ('waiting' satisfies JobState) },
    state: OPERATION_STATES.includes(hash.state as OperationState) ? (hash.state as OperationState) : 'failed',
    phase: hash.phase === 'applying' ? 'applying' : 'matching',
    done: numberOr(hash.done, 0),
    total: numberOr(hash.total, 0),
    failed: numberOr(hash.failed, 0),
    scanned: numberOr(hash.scanned, 0),
    scanTotal: numberOr(hash.scanTotal, 0),
    startedAt: numberOr(hash.startedAt, 0),
    finishedAt: hash.finishedAt ? numberOr(hash.finishedAt, 0) : null,
    requestedBy: actor.name,
    actor,
    cancelRequested: hash.cancelRequested === '1',
    cancelledBy: hash.cancelledBy || null,
    error: hash.error || null,
    snapshotAt: numberOr(hash.snapshotAt, 0),
    position: numberOr(hash.position, 0),
    inflight: inflightPosition === undefined ? null : { position: numberOr(inflightPosition, 0), length: numberOr(hash.inflightLength, 0) },
    auditPending: hash.auditPending === '1',
  };
}

/** Owns the operation keys: creation, reads, and the fenced scripts that move an operation forward. */
export class OperationStore {
  constructor(
    readonly redis: RedisClient,
    readonly namespace?: string,
  ) {}

  keys(id: string): OperationKeys {
    return operationKeys(id, this.namespace);
  }

  async create(id: string, request: OperationRequest, now: number): Promise<void> {
    const record: Record<string, string | number> = {
      id,
      action: request.action,
      queue: request.queue,
      prefix: request.prefix,
      query: JSON.stringify(request.query),
      actor: JSON.stringify(request.requestedBy),
      state: 'running',
      phase: 'matching',
      startedAt: now,
      snapshotAt: now,
      scanned: 0,
      scanTotal: 0,
      total: 0,
      position: 0,
      done: 0,
      failed: 0,
    };
    // The record first: a runner that sees the id in the index always finds it.
    await this.redis.hset(this.keys(id).record, record);
    await this.redis.zadd(runningOperationsKey(this.namespace), now, id);
  }

  async read(id: string): Promise<OperationRecord | null> {
    return toOperationRecord(await this.redis.hgetall(this.keys(id).record));
  }

  async runningIds(limit = 100): Promise<string[]> {
    return this.redis.zrange(runningOperationsKey(this.namespace), 0, limit - 1);
  }

  async forget(id: string): Promise<void> {
    await this.redis.zrem(runningOperationsKey(this.namespace), id);
  }

  /** The snapshot's ids from `position`, in scan order. */
  async snapshotChunk(id: string, position: number, count: number): Promise<string[]> {
    return this.redis.zrange(this.keys(id).ids, position, position + count - 1);
  }

  async inflightStamps(id: string): Promise<Record<string, string>> {
    return this.redis.hgetall(this.keys(id).inflight);
  }

  async acquire(id: string, lease: Lease): Promise<boolean> {
    const keys = this.keys(id);
    return Number(await this.redis.eval(ACQUIRE, 2, keys.record, keys.lease, lease.value, lease.ttlMs)) === 1;
  }

  async release(id: string, lease: Lease): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.keys(id).lease, lease.value);
  }

  private async fenced(script: string, id: string, lease: Lease, extraKeys: string[], args: (string | number)[]): Promise<unknown> {
    const keys = this.keys(id);
    const result = await this.redis.eval(script, 2 + extraKeys.length, keys.record, keys.lease, ...extraKeys, lease.value, lease.ttlMs, ...args);
    if (result === -1) throw new LeaseLost(`operation ${id}: the lease was lost`);
    if (result === -2) throw new LeaseLost(`operation ${id}: another runner moved it on`);
    return result;
  }

  async commitScan(id: string, lease: Lease, step: { from: number; length: number; scanTotal: number; finished: boolean; matches: { id: string; score: number }[] }): Promise<number> {
    const pairs = step.matches.flatMap((match) => [match.score, match.id]);
    return Number(await this.fenced(COMMIT_SCAN, id, lease, [this.keys(id).ids], [step.from, step.length, step.scanTotal, step.finished ? '1' : '0', ...pairs]));
  }

  async claim(id: string, lease: Lease, chunk: { position: number; length: number; stamps: [string, string][] }): Promise<void> {
    await this.fenced(CLAIM, id, lease, [this.keys(id).inflight], [chunk.position, chunk.length, ...chunk.stamps.flat()]);
  }

  async commitChunk(id: string, lease: Lease, chunk: { position: number; length: number; done: number }, now: number): Promise<OperationState> {
    const keys = this.keys(id);
    return (await this.fenced(COMMIT_CHUNK, id, lease, [keys.inflight, keys.ids], [chunk.position, chunk.length, chunk.done, now])) as OperationState;
  }

  async end(id: string, lease: Lease, state: Exclude<OperationState, 'running'>, now: number, error = ''): Promise<void> {
    const keys = this.keys(id);
    await this.fenced(END, id, lease, [keys.inflight, keys.ids], [state, now, error]);
  }

  async markAudited(id: string, lease: Lease): Promise<void> {
    const keys = this.keys(id);
    if (Number(await this.redis.eval(MARK_AUDITED, 2, keys.record, keys.lease, lease.value, OPERATION_RETENTION_MS)) === -1) {
      throw new LeaseLost(`operation ${id}: the lease was lost`);
    }
    await this.forget(id);
  }

  /** Asks a running operation to stop at its next chunk boundary; false when it had already ended. */
  async requestCancel(id: string, by: string): Promise<boolean> {
    return Number(await this.redis.eval(REQUEST_CANCEL, 1, this.keys(id).record, by)) === 1;
  }
}
