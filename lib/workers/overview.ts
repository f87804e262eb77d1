import { clientLists, isCluster, type RedisClient } from '../redis';
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

async function readClientList(redis: RedisClient): Promise<string> {
  try {
    return String(await redis.client('LIST'));
  } catch (error) {
    // Managed Redis services often forbid CLIENT LIST; plain BullMQ workers are then not listed.
    if (error instanceof Error && /NOPERM|unknown command|not allowed/i.test(error.message)) return '';
    throw error;
  }
}

/**
 * Plain BullMQ workers from the CLIENT LIST of one Redis, or of every master of a cluster. A cluster worker names its
 * connection to each node it talks to, so each queue lists the workers of the node where it has most of them (as
 * lib/queues countWorkers counts them); their ids carry the node, since client ids repeat across nodes.
 */
async function readPlainBullWorkers(redis: RedisClient, prefixes: readonly string[], now: number): Promise<WorkerView[]> {
  if (!isCluster(redis)) return plainBullWorkers(parseClientList(await readClientList(redis)), prefixes, now);
  const perNode = (await clientLists(redis)).map((list, node) =>
    plainBullWorkers(parseClientList(list), prefixes, now).map((worker) => ({ ...worker, id: `bullmq-${node}-${worker.id.slice('bullmq-'.length)}` })),
  );
  const best = new Map<string, WorkerView[]>();
  for (const workers of perNode) {
    const byQueue = new Map<string, WorkerView[]>();
    for (const worker of workers) {
      const queue = `${worker.prefix}\u0000${worker.queues.join(',')}`;
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), worker]);
    }
    for (const [queue, ofQueue] of byQueue) if (ofQueue.length > (best.get(queue)?.length ?? 0)) best.set(queue, ofQueue);
  }
  return [...best.values()].flat();
}

/** Lookout workers and supervisors from their heartbeats, plus plain BullMQ workers from CLIENT LIST. */
export async function readWorkersOverview(redis: RedisClient, prefixes: readonly string[], now = Date.now()): Promise<WorkersOverview> {
  const [heartbeats, supervisors, plain] = await Promise.all([
    readWorkerHeartbeats(redis, prefixes),
    readSupervisorStates(redis, prefixes),
    readPlainBullWorkers(redis, prefixes, now),
  ]);
  const lookoutWorkers = heartbeats
    .map((heartbeat) => toWorkerView(heartbeat, now))
    .sort((a, b) => (a.supervisor ?? '').localeCompare(b.supervisor ?? '') || (a.startedAt ?? 0) - (b.startedAt ?? 0));
  const bullWorkers = plain.sort(
    (a, b) => a.queues.join().localeCompare(b.queues.join()) || a.id.localeCompare(b.id),
  );
  return {
    workers: [...lookoutWorkers, ...bullWorkers],
    supervisors: supervisors.map((state) => toSupervisorView(state, now)).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

