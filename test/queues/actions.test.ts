import { Queue, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanJobs,
  closeBullQueues,
  deleteJob,
  listJobs,
  pauseQueue,
  promoteJob,
  readFailureGroups,
  readJob,
  readQueueSummaries,
  resumeQueue,
  retryJob,
  retryJobs,
  type BulkProgress,
  type QueueRef,
} from '../../lib/queues';
import { seedFailures, parseError, partnerError } from '../helpers/failures';
import { connectionOptions, deletePrefix, testRedis, uniquePrefix } from '../helpers/redis';

const prefix = uniquePrefix('actions');
const redis = testRedis();
const connection = connectionOptions();
const opened: Queue[] = [];
const ref = (name: string): QueueRef => ({ prefix, name });

async function stateOf(name: string, id: string) {
  return (await readJob(redis, ref(name), id))?.state ?? null;
}

async function queueWith(name: string): Promise<Queue> {
  const queue = new Queue(name, { connection, prefix });
  opened.push(queue);
  return queue;
}

afterAll(async () => {
  await closeBullQueues(redis);
  await Promise.all(opened.map((queue) => queue.close()));
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('retryJob', () => {
  beforeAll(async () => {
    opened.push(await seedFailures(connection, prefix, 'retry', ['r1', 'r2', 'r3', 'r4'].map((id) => ({ id, error: partnerError(1) }))));
  });

  it('moves a failed job back to waiting', async () => {
    await expect(retryJob(redis, ref('retry'), 'r1')).resolves.toEqual({ previousState: 'failed' });
    expect(await stateOf('retry', 'r1')).toBe('waiting');
    const job = await readJob(redis, ref('retry'), 'r1');
    expect(job?.failedReason).toBeNull();
  });

  it('answers 409 for a job that is not failed or completed', async () => {
    await expect(retryJob(redis, ref('retry'), 'r1')).rejects.toMatchObject({ code: 'Conflict', message: expect.stringContaining('is waiting') });
  });

  it('lets exactly one of two concurrent retries of a job win; the other gets 409', async () => {
    const results = await Promise.allSettled([retryJob(redis, ref('retry'), 'r2'), retryJob(redis, ref('retry'), 'r2')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'Conflict' });
    expect(await stateOf('retry', 'r2')).toBe('waiting');
  });

  it('answers 404 for a job deleted before the retry, and for one that never existed', async () => {
    await deleteJob(redis, ref('retry'), 'r3');
    await expect(retryJob(redis, ref('retry'), 'r3')).rejects.toMatchObject({ code: 'NotFound' });
    await expect(retryJob(redis, ref('retry'), 'nope')).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('retries a completed job', async () => {
    const queue = await queueWith('retry-completed');
    const worker = new Worker('retry-completed', null, { connection, prefix });
    await queue.add('charge', { n: 1 }, { jobId: 'c1' });
    const job = (await worker.getNextJob('t')) as Job;
    await job.moveToCompleted({ ok: true }, 't', false);
    await worker.close(true);
    await expect(retryJob(redis, ref('retry-completed'), 'c1')).resolves.toEqual({ previousState: 'completed' });
    expect(await readJob(redis, ref('retry-completed'), 'c1')).toMatchObject({ state: 'waiting', returnvalue: null });
  });
});

describe('deleteJob', () => {
  let worker: Worker;

  beforeAll(async () => {
    const queue = await queueWith('delete');
    worker = new Worker('delete', null, { connection, prefix });
    await queue.add('run', {}, { jobId: 'active1' });
    await worker.getNextJob('lock-holder');
    await queue.add('run', {}, { jobId: 'waiting1' });
    await queue.add('run', {}, { jobId: 'delayed1', delay: 60_000 });
  });

  afterAll(() => worker.close(true));

  it('deletes a waiting job with its hash', async () => {
    await expect(deleteJob(redis, ref('delete'), 'waiting1')).resolves.toEqual({ previousState: 'waiting' });
    expect(await stateOf('delete', 'waiting1')).toBeNull();
  });

  it('refuses to delete an active (locked) job with 409', async () => {
    await expect(deleteJob(redis, ref('delete'), 'active1')).rejects.toMatchObject({ code: 'Conflict', message: expect.stringContaining('lock') });
    expect(await stateOf('delete', 'active1')).toBe('active');
  });

  it('answers 404 for a job that is already gone', async () => {
    await expect(deleteJob(redis, ref('delete'), 'waiting1')).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('promotes a delayed job, and answers 409 for one that is not delayed and 404 for one that is gone', async () => {
    await expect(promoteJob(redis, ref('delete'), 'delayed1')).resolves.toEqual({ previousState: 'delayed' });
    expect(await stateOf('delete', 'delayed1')).toBe('waiting');
    await expect(promoteJob(redis, ref('delete'), 'delayed1')).rejects.toMatchObject({ code: 'Conflict', message: expect.stringContaining('only delayed') });
    await expect(promoteJob(redis, ref('delete'), 'gone')).rejects.toMatchObject({ code: 'NotFound' });
  });
});

describe('pause and resume', () => {
  it('pauses and resumes a queue, idempotently', async () => {
    const queue = await queueWith('pausing');
    await queue.add('run', {});
    await pauseQueue(redis, ref('pausing'));
    await pauseQueue(redis, ref('pausing'));
    expect((await readQueueSummaries(redis, [ref('pausing')]))[0]).toMatchObject({ paused: true, counts: { waiting: 1 } });
    await resumeQueue(redis, ref('pausing'));
    expect((await readQueueSummaries(redis, [ref('pausing')]))[0]).toMatchObject({ paused: false, counts: { waiting: 1 } });
  });
});

describe('bulk retry and clean', () => {
  beforeAll(async () => {
    opened.push(
      await seedFailures(connection, prefix, 'bulk', [
        { id: 'p1', error: partnerError(101) },
        { id: 'p2', error: partnerError(202) },
        { id: 'p3', error: partnerError(303) },
        { id: 't1', error: parseError('items') },
        { id: 't2', error: parseError('items') },
      ]),
    );
  });

  it('retries one failure group and leaves the others failed', async () => {
    const { groups } = await readFailureGroups(redis, ref('bulk'));
    const partner = groups.find((group) => group.errorClass === 'Error');
    expect(partner?.count).toBe(3);
    const progress: BulkProgress[] = [];
    const result = await retryJobs(redis, ref('bulk'), 'failed', { group: partner?.fingerprint }, (p) => progress.push(p));
    expect(result).toEqual({ count: 3, skipped: 0, scanned: 5 });
    expect(progress.at(-1)).toEqual({ done: 3, skipped: 0, scanned: 5, total: 5 });
    const failed = await listJobs(redis, ref('bulk'), 'failed', { offset: 0, limit: 10 });
    expect(failed.jobs.map((job) => job.id).sort()).toEqual(['t1', 't2']);
  });

  it('retries listed ids, skipping ids that are not failed', async () => {
    expect(await retryJobs(redis, ref('bulk'), 'failed', { ids: ['t1', 'p1', 'missing'] })).toEqual({ count: 1, skipped: 2, scanned: 3 });
    expect(await stateOf('bulk', 't1')).toBe('waiting');
  });

  it('rejects a group for completed jobs', async () => {
    await expect(retryJobs(redis, ref('bulk'), 'completed', { group: 'abc' })).rejects.toMatchObject({ code: 'Invalid', field: 'group' });
  });

  it('cleans waiting jobs older than the grace period only', async () => {
    const queue = await queueWith('clean');
    await queue.add('old', {}, { jobId: 'old1', timestamp: Date.now() - 3_600_000 });
    await queue.add('old', {}, { jobId: 'old2', timestamp: Date.now() - 3_600_000 });
    await queue.add('new', {}, { jobId: 'new1' });
    expect(await cleanJobs(redis, ref('clean'), 'waiting', 60_000)).toMatchObject({ count: 2 });
    expect(await stateOf('clean', 'old1')).toBeNull();
    expect(await stateOf('clean', 'new1')).toBe('waiting');
  });

  it('cleans delayed jobs by creation time, whatever their due time', async () => {
    const queue = await queueWith('clean-delayed');
    await queue.add('old-soon', {}, { jobId: 'd-old', delay: 1000, timestamp: Date.now() - 3_600_000 });
    await queue.add('new-late', {}, { jobId: 'd-new', delay: 10 });
    expect(await cleanJobs(redis, ref('clean-delayed'), 'delayed', 60_000)).toMatchObject({ count: 1 });
    expect(await stateOf('clean-delayed', 'd-old')).toBeNull();
    expect(await stateOf('clean-delayed', 'd-new')).toBe('delayed');
  });

  it('deletes one failure group, and listed ids', async () => {
    const queue = await seedFailures(connection, prefix, 'clean-group', [
      { id: 'g1', error: partnerError(1) },
      { id: 'g2', error: partnerError(2) },
      { id: 'o1', error: parseError('x') },
      { id: 'o2', error: parseError('y') },
    ]);
    opened.push(queue);
    const { groups } = await readFailureGroups(redis, ref('clean-group'));
    const partner = groups.find((group) => group.errorClass === 'Error');
    expect(await cleanJobs(redis, ref('clean-group'), 'failed', 0, { group: partner?.fingerprint })).toMatchObject({ count: 2 });
    expect(await cleanJobs(redis, ref('clean-group'), 'failed', 0, { ids: ['o1', 'gone'] })).toMatchObject({ count: 1, skipped: 1 });
    const left = await listJobs(redis, ref('clean-group'), 'failed', { offset: 0, limit: 10 });
    expect(left.jobs.map((job) => job.id)).toEqual(['o2']);
  });
});
