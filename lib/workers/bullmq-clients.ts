import type { WorkerView } from './types';

/** Names our runtime gives its BullMQ workers, so the API does not list them twice. */
export const RUNTIME_WORKER_NAME_PREFIX = 'lookout-';

export interface ClientEntry {
  id: string;
  addr: string;
  name: string;
  ageSeconds: number;
}

/** Parses `CLIENT LIST` output into the fields we use. */
export function parseClientList(text: string): ClientEntry[] {
  const entries: ClientEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = new Map<string, string>();
    for (const part of line.trim().split(' ')) {
      const equals = part.indexOf('=');
      if (equals > 0) fields.set(part.slice(0, equals), part.slice(equals + 1));
    }
    const id = fields.get('id');
    if (id === undefined) continue;
    entries.push({ id, addr: fields.get('addr') ?? '', name: fields.get('name') ?? '', ageSeconds: Number(fields.get('age') ?? 0) || 0 });
  }
  return entries;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads a BullMQ worker connection name — `<prefix>:<base64 queue>` or `<prefix>:<base64 queue>:w:<worker name>` —
 * back into queue and worker name; null for any other client (queues, QueueEvents, other apps).
 */
export function parseWorkerClientName(prefix: string, clientName: string): { queue: string; workerName: string | null } | null {
  const head = `${prefix}:`;
  if (!clientName.startsWith(head)) return null;
  const rest = clientName.slice(head.length);
  const marker = rest.indexOf(':w:');
  const encoded = marker >= 0 ? rest.slice(0, marker) : rest;
  if (!BASE64.test(encoded)) return null;
  const queue = Buffer.from(encoded, 'base64').toString('utf8');
  if (queue.length === 0 || Buffer.from(queue).toString('base64') !== encoded) return null;
  return { queue, workerName: marker >= 0 ? rest.slice(marker + 3) : null };
}

/**
 * Plain BullMQ workers (any language) from their named connections. A BullMQ worker has no heartbeat, so a
 * connected one counts as running; our own runtime's workers are left out because their heartbeats say more.
 */
export function plainBullWorkers(clients: readonly ClientEntry[], prefixes: readonly string[], now: number): WorkerView[] {
  const workers: WorkerView[] = [];
  for (const client of clients) {
    for (const prefix of prefixes) {
      const parsed = parseWorkerClientName(prefix, client.name);
      if (!parsed) continue;
      if (parsed.workerName?.startsWith(RUNTIME_WORKER_NAME_PREFIX)) break;
      workers.push({
        id: `bullmq-${client.id}`,
        source: 'bullmq',
        prefix,
        host: client.addr.slice(0, client.addr.lastIndexOf(':')) || null,
        pid: null,
        queues: [parsed.queue],
        concurrency: null,
        active: null,
        processed: null,
        failed: null,
        startedAt: now - client.ageSeconds * 1000,
        lastHeartbeatAt: null,
        status: 'running',
        version: null,
        supervisor: null,
        name: parsed.workerName,
      });
      break;
    }
  }
  return workers;
}
