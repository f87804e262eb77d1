import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob, dispatch, TimeoutError } from '@/workers';
import { testRedisUrl, waitFor } from '../helpers/redis';
import { RecordingSink, runtimeTestbed } from './helpers';

const { prefix, workers } = runtimeTestbed('retries');
const sink = new RecordingSink();
const queue = new Queue('retries', { connection: { url: testRedisUrl() }, prefix });

const starts: number[] = [];
const failedCalls: string[] = [];
const flaky = defineJob({
  name: 'flaky',
  queue: 'retries',
  tries: 3,
  backoff: [1, 2],
  handle: () => {
    starts.push(Date.now());
    throw new Error('partner answered 503');
  },
  failed: (_data, error, ctx) => {
    failedCalls.push(`${error.message} after attempt ${ctx.attempt}`);
  },
});

const abortReasons: unknown[] = [];
const slow = defineJob({
  name: 'slow',
  queue: 'retries',
  tries: 1,
  timeout: 0.3,
  handle: async (_data: { n: number }, ctx) => {
    await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
    abortReasons.push(ctx.signal.reason);
  },
});

const greet = defineJob({ name: 'greet', queue: 'retries', handle: (data: { name: string }) => `hello ${data.name}` });

let defaultTriesRuns = 0;
const usesWorkerTries = defineJob({
  name: 'uses-worker-tries',
  queue: 'retries',
  handle: () => {
    defaultTriesRuns++;
    throw new Error('always');
  },
});

let exceptionRuns = 0;
const capped = defineJob({
  name: 'capped',
  queue: 'retries',
  tries: 10,
  maxExceptions: 2,
  handle: () => {
    exceptionRuns++;
    throw new Error('still broken');
  },
});

const releaseAttempts: number[] = [];
const releasing = defineJob({
  name: 'releasing',
  queue: 'retries',
  handle: (_data, ctx) => {
    releaseAttempts.push(ctx.attempt);
    if (releaseAttempts.length === 1) ctx.release(200);
    return 'done';
  },
});

beforeAll(async () => {
  await workers.start({ queues: ['retries'], jobs: [flaky, slow, greet, usesWorkerTries, capped, releasing], concurrency: 4, tries: 2, metrics: sink });
});

afterAll(async () => {
  await queue.close();
});

const eventsOf = (jobId: string) => sink.events.filter((event) => event.jobId === jobId);

describe('retries', () => {
  it('makes `tries` attempts, waiting the backoff array per attempt, then runs failed() once', async () => {
    const { id } = await dispatch(flaky, {});
    await waitFor(async () => failedCalls.length > 0, 20_000, 'failed()');
    expect(starts).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = starts;
    // BullMQ never starts a retry before its delay; the upper bounds only guard against a missing backoff.
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(second - first).toBeLessThan(6000);
    expect(third - second).toBeGreaterThanOrEqual(1950);
    expect(third - second).toBeLessThan(8000);
    const job = await queue.getJob(id);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(failedCalls).toEqual(['partner answered 503 after attempt 3']);
    expect(eventsOf(id).map((event) => [event.status, event.final])).toEqual([
      ['failed', false],
      ['failed', false],
      ['failed', true],
    ]);
  });

  it('fails a timed-out attempt with a TimeoutError and aborts ctx.signal', async () => {
    const { id } = await dispatch(slow, { n: 1 });
    const job = await waitFor(async () => {
      const found = await queue.getJob(id);
      return found?.failedReason ? found : null;
    }, 10_000, 'the timeout');
    expect(job.failedReason).toBe('Job "slow" timed out after 0.3 s');
    expect(abortReasons[0]).toBeInstanceOf(TimeoutError);
    expect(eventsOf(id)).toMatchObject([{ status: 'failed', final: true }]);
  });

  it('reports a completed attempt to the metrics sink with its times', async () => {
    const before = Date.now();
    const { id } = await dispatch(greet, { name: 'Ada' });
    const [event] = await waitFor(async () => (eventsOf(id).length ? eventsOf(id) : null), 10_000, 'the event');
    expect(event).toMatchObject({ prefix, queue: 'retries', jobName: 'greet', jobId: id, status: 'completed', final: true });
    expect(event?.enqueuedAt).toBeGreaterThanOrEqual(before);
    expect(event?.startedAt).toBeGreaterThanOrEqual(event?.enqueuedAt ?? Infinity);
    expect(event?.finishedAt).toBeGreaterThanOrEqual(event?.startedAt ?? Infinity);
    expect((await queue.getJob(id))?.returnvalue).toBe('hello Ada');
  });

  it("uses the worker's tries for jobs that set none", async () => {
    const { id } = await dispatch(usesWorkerTries, {});
    await waitFor(async () => (await queue.getJob(id))?.finishedOn, 10_000, 'the final failure');
    expect(defaultTriesRuns).toBe(2);
  });

  it('stops at maxExceptions although tries remain', async () => {
    const { id } = await dispatch(capped, {});
    await waitFor(async () => (await queue.getJob(id))?.finishedOn, 10_000, 'the final failure');
    expect(exceptionRuns).toBe(2);
    expect(eventsOf(id).map((event) => event.final)).toEqual([false, true]);
  });

  it('release() puts the job back without counting an attempt', async () => {
    const { id } = await dispatch(releasing, {});
    const job = await waitFor(async () => {
      const found = await queue.getJob(id);
      return found?.finishedOn ? found : null;
    }, 10_000, 'completion');
    expect(releaseAttempts).toEqual([1, 1]);
    expect(job.returnvalue).toBe('done');
    expect(job.attemptsMade).toBe(1);
    expect(eventsOf(id)).toMatchObject([{ status: 'completed', final: true }]);
  });
});
