import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth';
import { readConfig, type ConnectionSpec } from '../config';
import { notFound } from '../errors';
import { checkActionState, compileFilter, findQueue, previewMatches, type BulkAction, type JobQuery, type JobSummary, type QueueTarget } from '../queues';
import { connect, connectionSpec, connectionSpecs, getConnection, type RedisClient } from '../redis';
import { OperationRunner } from './runner';
import { OperationStore } from './store';
import type { OperationRecord, OperationView } from './types';

/**
 * The functions API routes call: each resolves the connection (the request's, one Redis or a cluster), the queue and
 * that connection's runner itself. Each connection keeps its operations in its own Redis and has its own runner.
 */

export type BulkRequest = JobQuery & { action: BulkAction };

function namespace(): string {
  return readConfig().LOOKOUT_NAMESPACE;
}

async function openStore(): Promise<OperationStore> {
  return new OperationStore((await getConnection()).redis, namespace());
}

interface OpenedRunner {
  runner: OperationRunner;
  close(): Promise<void>;
}

interface RunnerState {
  /** This process's runner per connection name. */
  runners: Map<string, Promise<OpenedRunner>>;
}

// On globalThis, like the Redis client: route bundles share one runner per connection and process.
const runnerState: RunnerState = ((globalThis as { __lookoutOperationRunners?: RunnerState }).__lookoutOperationRunners ??= { runners: new Map() });

async function openRunner(spec: ConnectionSpec): Promise<OpenedRunner> {
  // A background loop may wait for a reconnect; failing fast is for requests someone is waiting on.
  const redis: RedisClient = await connect(spec, { enableOfflineQueue: true });
  const runner = new OperationRunner({ redis, namespace: namespace() });
  runner.start();
  return {
    runner,
    async close() {
      await runner.stop();
      redis.disconnect();
    },
  };
}

/**
 * This process's operation runner for a connection (the request's, or else the default), started on first use (and
 * for every connection by instrumentation.ts when the web server starts, so operations left behind by a stopped
 * process resume without waiting for a request). Its own connection keeps the operations' traffic from queueing in
 * front of the API's reads.
 */
export async function ensureOperationRunner(name?: string): Promise<OperationRunner> {
  const spec = connectionSpec(name);
  let opened = runnerState.runners.get(spec.name);
  if (!opened) {
    const opening = openRunner(spec);
    opened = opening;
    runnerState.runners.set(spec.name, opening);
    opening.catch(() => runnerState.runners.get(spec.name) === opening && runnerState.runners.delete(spec.name));
  }
  return (await opened).runner;
}

/** Starts this process's runner of every configured connection. */
export function startOperationRunners(): Promise<OperationRunner[]> {
  return Promise.all(connectionSpecs().map((spec) => ensureOperationRunner(spec.name)));
}

/** Stops this process's runners (their operations go back to the other runners at once) and closes their connections. */
export async function stopOperationRunner(): Promise<void> {
  const opened = [...runnerState.runners.values()];
  runnerState.runners.clear();
  await Promise.all(opened.map(async (opening) => (await opening.catch(() => null))?.close()));
}

/** What the API shows: the record without the executor's bookkeeping. */
function toView(record: OperationRecord): OperationView {
  const { id, action, queue, prefix, query, state, phase, done, total, failed, scanned, scanTotal, startedAt, finishedAt, requestedBy, cancelRequested, cancelledBy, error } = record;
  return { id, action, queue, prefix, query, state, phase, done, total, failed, scanned, scanTotal, startedAt, finishedAt, requestedBy, cancelRequested, cancelledBy, error };
}

async function resolveTarget(target: QueueTarget, body: BulkRequest) {
  const { redis, prefixes } = await getConnection();
  const ref = await findQueue(redis, prefixes, target.queue, target.prefix);
  checkActionState(body.action, body.state);
  return { redis, ref };
}

/** POST …/bulk/preview: how many jobs the action would touch now, exactly, and the first five in list order. */
export async function previewBulkOperation(target: QueueTarget, body: BulkRequest): Promise<{ matched: number; sample: JobSummary[] }> {
  const { redis, ref } = await resolveTarget(target, body);
  return previewMatches(redis, ref, compileFilter(body, Date.now()));
}

/** POST …/bulk: records the operation and hands it to the runner; the work happens outside the request. */
export async function startBulkOperation(target: QueueTarget, body: BulkRequest, actor: Actor): Promise<{ operationId: string }> {
  const { redis, ref } = await resolveTarget(target, body);
  const now = Date.now();
  const { action, ...query } = body;
  // Invalid queries are refused now, not discovered by the runner later.
  compileFilter(query, now);
  const id = randomUUID();
  await new OperationStore(redis, namespace()).create(id, { action, queue: ref.name, prefix: ref.prefix, query, requestedBy: { name: actor.name, role: actor.role, via: actor.via } }, now);
  (await ensureOperationRunner()).kick();
  return { operationId: id };
}

async function readOrThrow(store: OperationStore, id: string): Promise<OperationRecord> {
  const record = await store.read(id);
  if (!record) throw notFound(`Operation "${id}" was not found; finished operations are kept for 7 days.`);
  return record;
}

export async function getOperation(id: string): Promise<OperationView> {
  return toView(await readOrThrow(await openStore(), id));
}

/** The operations still running, optionally of one queue: what the jobs page shows progress for. */
export async function listRunningOperations(filter: { queue?: string; prefix?: string }): Promise<{ operations: OperationView[] }> {
  const store = await openStore();
  const records = await Promise.all((await store.runningIds()).map((id) => store.read(id)));
  const operations = records
    .filter((record): record is OperationRecord => record !== null && record.state === 'running')
    .filter((record) => (filter.queue === undefined || record.queue === filter.queue) && (filter.prefix === undefined || record.prefix === filter.prefix));
  return { operations: operations.map(toView) };
}

const CANCEL_WAIT_MS = 5000;

/**
 * DELETE /api/operations/:id: the operation stops at its next chunk boundary, and the answer waits for it (about
 * one chunk) so `done` is the exact number of jobs that were changed. An operation that had ended is answered
 * as it is. If the runner holding it is gone, the answer comes back still `running` with `cancelRequested`, and
 * the runner that takes it over ends it.
 */
export async function cancelOperation(id: string, actor: Actor): Promise<OperationView> {
  const store = await openStore();
  await readOrThrow(store, id);
  if (await store.requestCancel(id, actor.name)) (await ensureOperationRunner()).kick();
  const deadline = Date.now() + CANCEL_WAIT_MS;
  for (;;) {
    const record = await readOrThrow(store, id);
    if (record.state !== 'running' || Date.now() >= deadline) return toView(record);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
