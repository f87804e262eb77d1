import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOperation, APPLY_CHUNK, OperationRunner, OperationStore, type ExecutorContext, type OperationRecord } from '../../lib/operations';
import { applyToJobs, closeBullQueues, compileFilter, previewMatches, type JobQuery } from '../../lib/queues';
import { auditEntriesFor, deleteAuditEntries } from '../helpers/audit';
import { writeFailedJobs } from '../helpers/failed-jobs';
import { deletePrefix, testRedis, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';

/**
 * Bulk retry by query on a real Redis: 100,000 failed jobs of which every other one matches. Each scenario has its
 * own queue; the runners are driven as the web process drives them (start, stop), on their own connections.
 */
const prefix = uniquePrefix('ops');
const namespace = prefix;
const redis = testRedis();
const store = new OperationStore(redis, namespace);
const COUNT = 100_000;
const MATCHING = COUNT / 2;
const SMALL = 20_000;
const PARTIAL = 3000;
const QUERY: JobQuery = { state: 'failed', q: 'card declined' };
const requestedBy = { name: 'otto', role: 'operator' as const, via: 'token' };

const clients: Redis[] = [];
const runners: OperationRunner[] = [];

/** A runner on its own connection, as each web process has. */
function newRunner(options: { leaseTtlMs?: number; sliceMs?: number; onError?: (error: unknown) => void } = {}) {
  const client = new Redis(testRedisUrl());
  clients.push(client);
  const runner = new OperationRunner({ redis: client, namespace, intervalMs: 50, ...options });
  runners.push(runner);
  return { runner, client };
}

/** A runner whose every tick is one step (a match window or a chunk), for tests that stop it at a chosen point. */
const stepper = (options: { leaseTtlMs?: number; onError?: (error: unknown) => void } = {}) => newRunner({ ...options, sliceMs: 0 });

async function tickUntil(runner: OperationRunner, id: string, reached: (record: OperationRecord) => boolean): Promise<OperationRecord> {
  for (;;) {
    const record = await read(id);
    if (reached(record)) return record;
    await runner.tick();
  }
}

async function startOperation(queue: string, id: string): Promise<void> {
  await store.create(id, { action: 'retry', queue, prefix, query: QUERY, requestedBy }, Date.now());
}

const read = async (id: string) => (await store.read(id)) as OperationRecord;
const ended = (id: string) => waitFor(async () => (await read(id)).state !== 'running' && !(await read(id)).auditPending, 120_000, `operation ${id} to end`);

/** The matching jobs now in `wait` (each at most once) and the ones still failed. */
async function outcome(queue: string) {
  const waiting = await redis.lrange(`${prefix}:${queue}:wait`, 0, -1);
  const failed = await redis.zrange(`${prefix}:${queue}:failed`, 0, -1);
  const reasons = await Promise.all(failed.slice(0, 2000).map((id) => redis.hget(`${prefix}:${queue}:${id}`, 'failedReason')));
  return { waiting, distinctWaiting: new Set(waiting).size, failed: failed.length, sampleReasons: new Set(reasons) };
}

const seed = (queue: string, count: number) => writeFailedJobs(redis, prefix, queue, count, { failedReason: (i) => (i % 2 ? 'Partner API answered 503' : 'card declined') });

beforeAll(async () => {
  await Promise.all([seed('full', COUNT), seed('cancel', COUNT), seed('restart', SMALL), seed('partial', PARTIAL)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  for (const client of clients) {
    await closeBullQueues(client);
    client.disconnect();
  }
  await deleteAuditEntries(redis, prefix);
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe(`bulk retry by query of ${MATCHING.toLocaleString('en-US')} of ${COUNT.toLocaleString('en-US')} failed jobs`, () => {
  it('previews the exact count, then retries every matching job once', async () => {
    const preview = await previewMatches(redis, { prefix, name: 'full' }, compileFilter(QUERY, Date.now()));
    expect(preview.matched).toBe(MATCHING);
    expect(preview.sample.map((job) => job.failedReason)).toEqual(Array(5).fill('card declined'));

    await startOperation('full', 'full-1');
    const { runner } = newRunner();
    runner.start();
    await ended('full-1');
    // Runners pick up any operation: this one must not take the next tests' operations.
    await runner.stop();

    expect(await read('full-1')).toMatchObject({ state: 'done', phase: 'applying', done: MATCHING, total: MATCHING, failed: 0, scanned: COUNT, scanTotal: COUNT });
    const after = await outcome('full');
    expect(after.waiting).toHaveLength(MATCHING);
    expect(after.distinctWaiting).toBe(MATCHING);
    expect(after.failed).toBe(COUNT - MATCHING);
    expect(after.sampleReasons).toEqual(new Set(['Partner API answered 503']));
    // Oldest failure first, FIFO: job 1 is the next to run.
    expect(await redis.lindex(`${prefix}:full:wait`, -1)).toBe('1');

    const entries = (await auditEntriesFor(redis, prefix)).filter((entry) => entry.queue === 'full');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'bulk.retry',
      actor: requestedBy,
      count: MATCHING,
      result: 'ok',
      params: { operationId: 'full-1', state: 'failed', q: 'card declined', matched: MATCHING, failed: 0 },
    });
  });

  it('stops at a chunk boundary when cancelled halfway, with the exact count, and leaves the rest untouched', async () => {
    await startOperation('cancel', 'cancel-1');
    const { runner } = stepper();
    await tickUntil(runner, 'cancel-1', (record) => record.done >= MATCHING / 2);
    expect(await store.requestCancel('cancel-1', 'carla')).toBe(true);
    await tickUntil(runner, 'cancel-1', (record) => record.state !== 'running' && !record.auditPending);

    const record = await read('cancel-1');
    expect(record).toMatchObject({ state: 'cancelled', cancelledBy: 'carla', total: MATCHING, failed: 0, done: MATCHING / 2 });
    const after = await outcome('cancel');
    expect(after.waiting).toHaveLength(record.done);
    expect(after.distinctWaiting).toBe(record.done);
    expect(after.failed).toBe(COUNT - record.done);
    const stillMatching = await previewMatches(redis, { prefix, name: 'cancel' }, compileFilter(QUERY, Date.now()));
    expect(stillMatching.matched).toBe(MATCHING - record.done);
    expect(await store.requestCancel('cancel-1', 'carla')).toBe(false);

    const entries = (await auditEntriesFor(redis, prefix)).filter((entry) => entry.queue === 'cancel');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'bulk.retry', count: record.done, result: 'ok' });
    expect(entries[0]?.message).toContain(`cancelled by carla after ${record.done} of ${MATCHING}`);
  });
});

describe('an operation across restarts of the process running it', () => {
  it('is neither lost nor doubled when its runner stops, or dies in the middle of a chunk', async () => {
    const matching = SMALL / 2;
    await startOperation('restart', 'restart-1');

    // A clean stop (SIGTERM) after two chunks: the runner hands the operation back at once.
    const first = stepper();
    await tickUntil(first.runner, 'restart-1', (record) => record.done >= 2000);
    await first.runner.stop();
    expect(await read('restart-1')).toMatchObject({ state: 'running', done: 2000, inflight: null });

    // The next process picks it up straight away, does three chunks, and dies: its lease is left to expire.
    const second = stepper({ leaseTtlMs: 3000, onError: () => undefined });
    await tickUntil(second.runner, 'restart-1', (record) => record.done >= 5000);
    second.client.disconnect();

    // A third one cannot take it over while that lease holds, then finishes it.
    const third = stepper({ leaseTtlMs: 3000 });
    await third.runner.tick();
    expect((await read('restart-1')).done).toBe(5000);
    await waitFor(async () => (await redis.pttl(store.keys('restart-1').lease)) < 0, 10_000, 'the dead runner\'s lease to expire');
    await tickUntil(third.runner, 'restart-1', (record) => record.state !== 'running' && !record.auditPending);

    expect(await read('restart-1')).toMatchObject({ state: 'done', done: matching, total: matching, failed: 0 });
    const after = await outcome('restart');
    expect(after.waiting).toHaveLength(matching);
    expect(after.distinctWaiting).toBe(matching);
    expect(after.failed).toBe(SMALL - matching);
    const entries = (await auditEntriesFor(redis, prefix)).filter((entry) => entry.queue === 'restart');
    expect(entries.map((entry) => entry.count)).toEqual([matching]);
  });
});

describe('a chunk left half done by a runner that died', () => {
  it('is finished job by job from the stamps it claimed: nothing twice, nothing missed, the count exact', async () => {
    const matching = PARTIAL / 2;
    const ref = { prefix, name: 'partial' };
    await startOperation('partial', 'partial-1');
    const dead: ExecutorContext = { redis, store, lease: { value: 'dead-runner', ttlMs: 500 }, audit: async () => undefined };
    expect(await store.acquire('partial-1', dead.lease)).toBe(true);
    // One step per call: the matching windows, until the snapshot is complete.
    while ((await read('partial-1')).phase === 'matching') await advanceOperation(dead, 'partial-1', 0);

    // What the dead runner got done: it claimed the first chunk and retried half of it.
    const chunk = await store.snapshotChunk('partial-1', 0, APPLY_CHUNK);
    const scores = await Promise.all(chunk.map((id) => redis.zscore(`${prefix}:partial:failed`, id)));
    await store.claim('partial-1', dead.lease, { position: 0, length: chunk.length, stamps: chunk.map((id, index) => [id, scores[index] as string]) });
    const retried = chunk.slice(0, chunk.length / 2);
    expect((await applyToJobs(redis, ref, 'retry', 'failed', retried)).every(Boolean)).toBe(true);
    // One of those already ran and failed again: it has a new finish time, and must not be retried a second time.
    const refailed = retried[0] as string;
    await redis.lrem(`${prefix}:partial:wait`, 0, refailed);
    await redis.zadd(`${prefix}:partial:failed`, Date.now() + 60_000, refailed);

    const { runner } = newRunner({ leaseTtlMs: 1000 });
    runner.start();
    await ended('partial-1');
    await runner.stop();

    expect(await read('partial-1')).toMatchObject({ state: 'done', done: matching, total: matching, failed: 0 });
    const after = await outcome('partial');
    expect(after.distinctWaiting).toBe(matching - 1);
    expect(after.waiting).toHaveLength(matching - 1);
    expect(await redis.zscore(`${prefix}:partial:failed`, refailed)).not.toBeNull();
    expect(after.failed).toBe(PARTIAL - matching + 1);
  });
});
