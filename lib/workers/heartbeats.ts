import type { RedisClient } from '../redis';
import {
  restartSignalKey,
  supervisorIndexKey,
  supervisorPauseKey,
  supervisorStateKey,
  workerHeartbeatKey,
  workerIndexKey,
} from './keys';
import { presenceTtlMs, readPresence, removePresence, writePresence } from './presence';
import { supervisorStateSchema, workerHeartbeatSchema, type SupervisorState, type WorkerHeartbeat } from './types';

/** What a worker learns from Redis on each beat, in the same round trip as the write. */
export interface HeartbeatReply {
  /** When `lookout queue:restart` last ran, or null. */
  restartRequestedAt: number | null;
  /** Whether the worker's supervisor is paused (always false without a supervisor). */
  supervisorPaused: boolean;
}

export async function writeWorkerHeartbeat(redis: RedisClient, heartbeat: WorkerHeartbeat): Promise<HeartbeatReply> {
  const results = await writePresence(
    redis,
    {
      indexKey: workerIndexKey(heartbeat.prefix),
      key: workerHeartbeatKey(heartbeat.prefix, heartbeat.id),
      member: heartbeat.id,
      value: heartbeat,
      at: heartbeat.lastHeartbeatAt,
      ttlMs: presenceTtlMs(heartbeat.heartbeatIntervalMs),
    },
    (multi) => {
      multi.get(restartSignalKey(heartbeat.prefix));
      if (heartbeat.supervisor !== null) multi.exists(supervisorPauseKey(heartbeat.prefix, heartbeat.supervisor));
    },
  );
  const restart = Number(results[4]?.[1] ?? NaN);
  return {
    restartRequestedAt: Number.isFinite(restart) ? restart : null,
    supervisorPaused: heartbeat.supervisor !== null && Number(results[5]?.[1] ?? 0) === 1,
  };
}

export function removeWorkerHeartbeat(redis: RedisClient, prefix: string, workerId: string): Promise<void> {
  return removePresence(redis, workerIndexKey(prefix), workerHeartbeatKey(prefix, workerId), workerId);
}

export async function writeSupervisorState(redis: RedisClient, state: SupervisorState): Promise<void> {
  await writePresence(redis, {
    indexKey: supervisorIndexKey(state.prefix),
    key: supervisorStateKey(state.prefix, state.name),
    member: state.name,
    value: state,
    at: state.lastHeartbeatAt,
    ttlMs: presenceTtlMs(state.heartbeatIntervalMs),
  });
}

export function removeSupervisorState(redis: RedisClient, prefix: string, name: string): Promise<void> {
  return removePresence(redis, supervisorIndexKey(prefix), supervisorStateKey(prefix, name), name);
}

/** Pausing is a flag in Redis, so it reaches worker processes on their next beat whoever starts them. */
export async function setSupervisorPaused(redis: RedisClient, prefix: string, name: string, paused: boolean): Promise<void> {
  if (paused) await redis.set(supervisorPauseKey(prefix, name), String(Date.now()));
  else await redis.del(supervisorPauseKey(prefix, name));
}

export function readWorkerHeartbeats(redis: RedisClient, prefixes: readonly string[]): Promise<WorkerHeartbeat[]> {
  return readPresence(
    redis,
    prefixes.map((prefix) => ({ indexKey: workerIndexKey(prefix), keyOf: (id: string) => workerHeartbeatKey(prefix, id) })),
    workerHeartbeatSchema,
  );
}

export function readSupervisorStates(redis: RedisClient, prefixes: readonly string[]): Promise<SupervisorState[]> {
  return readPresence(
    redis,
    prefixes.map((prefix) => ({ indexKey: supervisorIndexKey(prefix), keyOf: (name: string) => supervisorStateKey(prefix, name) })),
    supervisorStateSchema,
  );
}

/** `lookout queue:restart`: every worker of the prefix started before now exits after its current job. */
export async function requestRestart(redis: RedisClient, prefix: string, at = Date.now()): Promise<void> {
  await redis.set(restartSignalKey(prefix), String(at));
}
