import { z } from 'zod';

/** What a worker process writes on every beat (the heartbeat contract of ARCHITECTURE.md, plus routing fields). */
export const workerHeartbeatSchema = z.object({
  id: z.string().min(1),
  host: z.string(),
  pid: z.number().int(),
  prefix: z.string(),
  queues: z.array(z.string()),
  concurrency: z.number().int().min(1),
  active: z.number().int().min(0),
  processed: z.number().int().min(0),
  failed: z.number().int().min(0),
  startedAt: z.number(),
  lastHeartbeatAt: z.number(),
  version: z.string(),
  /** `stopping` while it drains before a graceful exit. */
  state: z.enum(['running', 'paused', 'stopping']),
  /** Readers judge staleness with the writer's own period, whatever their environment says. */
  heartbeatIntervalMs: z.number().int().min(1),
  supervisor: z.string().nullable(),
});
export type WorkerHeartbeat = z.infer<typeof workerHeartbeatSchema>;

export const supervisorStateSchema = z.object({
  name: z.string().min(1),
  host: z.string(),
  pid: z.number().int(),
  prefix: z.string(),
  queues: z.array(z.string()),
  processes: z.object({ current: z.number().int(), target: z.number().int(), min: z.number().int(), max: z.number().int() }),
  state: z.enum(['running', 'paused']),
  /** Worker processes restarted after they exited on their own (crashes, queue:restart, max-jobs…). */
  restarts: z.number().int().min(0),
  backlog: z.number().int().min(0),
  startedAt: z.number(),
  lastHeartbeatAt: z.number(),
  heartbeatIntervalMs: z.number().int().min(1),
});
export type SupervisorState = z.infer<typeof supervisorStateSchema>;

export type WorkerStatus = 'running' | 'paused' | 'stale';

/** One row of GET /api/workers: a Lookout worker (from its heartbeat) or a plain BullMQ worker (from CLIENT LIST). */
export interface WorkerView {
  id: string;
  source: 'lookout' | 'bullmq';
  prefix: string;
  host: string | null;
  pid: number | null;
  queues: string[];
  concurrency: number | null;
  active: number | null;
  processed: number | null;
  failed: number | null;
  startedAt: number | null;
  /** Null for plain BullMQ workers: BullMQ keeps no heartbeat, only the connection. */
  lastHeartbeatAt: number | null;
  status: WorkerStatus;
  version: string | null;
  supervisor: string | null;
  /** The BullMQ worker name (`name` option), when one was given. */
  name: string | null;
}

export interface SupervisorView extends Omit<SupervisorState, 'state'> {
  status: WorkerStatus;
}

export interface WorkersOverview {
  workers: WorkerView[];
  supervisors: SupervisorView[];
}
