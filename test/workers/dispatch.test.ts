import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { batch, chain, defineJob, dispatch, findBatch } from '@/workers';
import { testRedisUrl, waitFor } from '../helpers/redis';
import { runtimeTestbed } from './helpers';

const { prefix, workers } = runtimeTestbed('dispatch');
const connection = { url: testRedisUrl() };
const queues = new Map<string, Queue>();
const queue = (name: string) => {
  let found = queues.get(name);
  if (!found) queues.set(name, (found = new Queue(name, { connection, prefix })));
  return found;
};

const ran: string[] = [];

type Row = { row: number; fail?: boolean; ms?: number };
const importRow = defineJob({
  name: 'import-row',
  queue: 'imports',
  unique: { key: (data: Row) => `row-${data.row}` },
  handle: async (data: Row) => {
    await new Promise((resolve) => setTimeout(resolve, data.ms ?? 0));
    ran.push(`row-${data.row}`);
    if (data.fail) throw new Error(`row ${data.row} is malformed`);
  },
});

const step = defineJob({
  name: 'step',
  queue: 'steps',
  handle: (data: { label: string; fail?: boolean }) => {
    ran.push(data.label);
    if (data.fail) throw new Error(`${data.label} failed`);
    return data.label;
  },
});

const callback = defineJob({
  name: 'batch-callback',
  queue: 'imports',
  handle: (data: { kind: string }, ctx) => {
    ran.push(`${data.kind}:${ctx.batchId ?? 'none'}`);
  },
});

afterAll(async () => {
  await Promise.all([...queues.values()].map((q) => q.close()));
});

describe('unique jobs', () => {
  it('are not enqueued again while the first one is pending, and are again once it finished', async () => {
    const first = await dispatch(importRow, { row: 1 });
    const second = await dispatch(importRow, { row: 1 });
    const other = await dispatch(importRow, { row: 2 });
    expect(second.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(await queue('imports').getWaitingCount()).toBe(2);

    const runtime = await workers.start({ queues: ['imports'], jobs: [importRow, callback] });
    await waitFor(async () => (await queue('imports').getCompletedCount()) === 2, 10_000, 'both rows');
    const third = await dispatch(importRow, { row: 1 });
    expect(third.id).not.toBe(first.id);
    await waitFor(async () => (await queue('imports').getCompletedCount()) === 3, 10_000, 'the row again');
    await runtime.stop();
  });
});

describe('chains', () => {
  it('run strictly in order, each job after the previous one completed', async () => {
    ran.length = 0;
    const runtime = await workers.start({ queues: ['steps'], jobs: [step], concurrency: 5 });
    const dispatched = await chain([step.with({ label: 'a' }), step.with({ label: 'b' }), step.with({ label: 'c' })]).dispatch();
    expect(dispatched.map((job) => job.name)).toEqual(['step', 'step', 'step']);
    await waitFor(async () => (await queue('steps').getJob(dispatched[2]?.id ?? ''))?.finishedOn, 10_000, 'the last step');
    expect(ran).toEqual(['a', 'b', 'c']);

    ran.length = 0;
    const broken = await chain([step.with({ label: 'x' }), step.with({ label: 'y', fail: true }), step.with({ label: 'z' })]).dispatch();
    await waitFor(async () => (await queue('steps').getJob(broken[2]?.id ?? ''))?.finishedOn, 10_000, 'the chain to stop');
    expect(ran).toEqual(['x', 'y']);
    expect(await (await queue('steps').getJob(broken[2]?.id ?? ''))?.getState()).toBe('failed');
    await runtime.stop();
  });
});

describe('batches', () => {
  const rows = (from: number, count: number, extra: { fail?: number; ms?: number } = {}) =>
    Array.from({ length: count }, (_, i) => importRow.with({ row: from + i, fail: from + i === extra.fail, ms: extra.ms }));

  it('track progress and run then + finally when every job completed', async () => {
    ran.length = 0;
    const dispatched = await batch(rows(100, 4))
      .name('import-a')
      .then(callback, { kind: 'then' })
      .catch(callback, { kind: 'catch' })
      .finally(callback, { kind: 'finally' })
      .dispatch();
    expect(dispatched).toMatchObject({ name: 'import-a', total: 4, pending: 4, failed: 0, progress: 0, finished: false, cancelled: false });
    const runtime = await workers.start({ queues: ['imports'], jobs: [importRow, callback], concurrency: 2 });
    const finished = await waitFor(async () => {
      const found = await findBatch(dispatched.id);
      return found?.finished ? found : null;
    }, 10_000, 'the batch to finish');
    expect(finished).toMatchObject({ total: 4, pending: 0, failed: 0, processed: 4, progress: 100, cancelled: false });
    await waitFor(async () => ran.includes(`finally:${dispatched.id}`), 10_000, 'finally');
    expect(ran.filter((entry) => entry.includes(':'))).toEqual([`then:${dispatched.id}`, `finally:${dispatched.id}`]);
    await runtime.stop();
  });

  it('are cancelled by the first failure unless failures are allowed, and run catch + finally', async () => {
    ran.length = 0;
    const strict = await batch(rows(200, 4, { fail: 200, ms: 100 }))
      .then(callback, { kind: 'then' })
      .catch(callback, { kind: 'catch' })
      .finally(callback, { kind: 'finally' })
      .dispatch();
    const lenient = await batch(rows(300, 3, { fail: 300 }))
      .allowFailures()
      .catch(callback, { kind: 'catch' })
      .dispatch();
    const runtime = await workers.start({ queues: ['imports'], jobs: [importRow, callback], concurrency: 1 });
    const strictDone = await waitFor(async () => {
      const found = await findBatch(strict.id);
      return found?.finished ? found : null;
    }, 10_000, 'the strict batch');
    expect(strictDone).toMatchObject({ total: 4, failed: 1, pending: 0, cancelled: true, progress: 100 });
    // With concurrency 1 the failure comes first, so the other rows are skipped without running.
    expect(ran.filter((entry) => entry.startsWith('row-2'))).toEqual(['row-200']);
    const lenientDone = await waitFor(async () => {
      const found = await findBatch(lenient.id);
      return found?.finished ? found : null;
    }, 10_000, 'the lenient batch');
    expect(lenientDone).toMatchObject({ total: 3, failed: 1, processed: 2, cancelled: false });
    await waitFor(async () => ran.includes(`catch:${lenient.id}`), 10_000, 'catch');
    expect(ran).toContain(`catch:${strict.id}`);
    expect(ran).toContain(`finally:${strict.id}`);
    expect(ran).not.toContain(`then:${strict.id}`);
    await runtime.stop();
  });

  it('keep their state across worker restarts, and cancel() skips what has not started', async () => {
    ran.length = 0;
    const dispatched = await batch(rows(400, 6, { ms: 150 })).finally(callback, { kind: 'finally' }).dispatch();
    const first = await workers.start({ queues: ['imports'], jobs: [importRow, callback], concurrency: 1 });
    await waitFor(async () => ((await findBatch(dispatched.id))?.processed ?? 0) >= 2, 10_000, 'two rows');
    await first.stop();
    const midway = await findBatch(dispatched.id);
    expect(midway?.finished).toBe(false);
    expect((midway?.pending ?? 0) + (midway?.processed ?? 0)).toBe(6);

    await midway?.cancel();
    const ranBefore = ran.length;
    const second = await workers.start({ queues: ['imports'], jobs: [importRow, callback], concurrency: 1 });
    const done = await waitFor(async () => {
      const found = await findBatch(dispatched.id);
      return found?.finished ? found : null;
    }, 10_000, 'the cancelled batch to finish');
    expect(done).toMatchObject({ cancelled: true, pending: 0, processed: 6, failed: 0 });
    await waitFor(async () => ran.includes(`finally:${dispatched.id}`), 10_000, 'finally');
    expect(ran.slice(ranBefore)).toEqual([`finally:${dispatched.id}`]);
    await second.stop();
  });
});
