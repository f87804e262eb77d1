import type { Redis } from 'ioredis';
import { parseClientList, plainBullWorkers } from './bullmq-clients';
import { readSupervisorStates, readWorkerHeartbeats } from './heartbeats';
import { isStale } from './presence';
import type { SupervisorState, SupervisorView, WorkerHeartbeat, WorkerView, WorkersOverview } from './types';

function statusOf(record: { lastHeartbeatAt: number; heartbeatIntervalMs: number; state: string }, now: number) {
  if (isStale(record.lastHeartbeatAt, record.heartbeatIntervalMs, now)) return 'stale' as const;
  return record.state === 'paused' ? ('paused' as const) : ('running' as const);
}

export function toWorkerView(heartbeat: WorkerHeartbeat, now: number): WorkerView {
  return {
    id: heartbeat.id,
    source: 'lookout',
    prefix: heartbeat.prefix,
    host: heartbeat.host,
    pid: heartbeat.pid,
    queues: heartbeat.queues,
    concurrency: heartbeat.concurrency,
    active: heartbeat.active,
    processed: heartbeat.processed,
    failed: heartbeat.failed,
    startedAt: heartbeat.startedAt,
    lastHeartbeatAt: heartbeat.lastHeartbeatAt,
    status: statusOf(heartbeat, now),
    version: heartbeat.version,
    supervisor: heartbeat.supervisor,
    name: null,
  };
}

export function toSupervisorView(state: SupervisorState, now: number): SupervisorView {
  const { state: _state, ...rest } = state;
  return { ...rest, status: statusOf(state, now) };
}

async function readClientList(redis: Redis): Promise<string> {
  try {
    return String(await redis.client('LIST'));
  } catch (error) {
    // Managed Redis services often forbid CLIENT LIST; plain BullMQ workers are then not listed.
    if (error instanceof Error && /NOPERM|unknown command|not allowed/i.test(error.message)) return '';
    throw error;
  }
}

/** Lookout workers and supervisors from their heartbeats, plus plain BullMQ workers from CLIENT LIST. */
export async function readWorkersOverview(redis: Redis, prefixes: readonly string[], now = Date.now()): Promise<WorkersOverview> {
  const [heartbeats, supervisors, clientList] = await Promise.all([
    readWorkerHeartbeats(redis, prefixes),
    readSupervisorStates(redis, prefixes),
    readClientList(redis),
  ]);
  const lookoutWorkers = heartbeats
    .map((heartbeat) => toWorkerView(heartbeat, now))
    .sort((a, b) => (a.supervisor ?? '').localeCompare(b.supervisor ?? '') || (a.startedAt ?? 0) - (b.startedAt ?? 0));
  const bullWorkers = plainBullWorkers(parseClientList(clientList), prefixes, now).sort(
    (a, b) => a.queues.join().localeCompare(b.queues.join()) || a.id.localeCompare(b.id),
  );
  return {
    workers: [...lookoutWorkers, ...bullWorkers],
    supervisors: supervisors.map((state) => toSupervisorView(state, now)).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
