import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkerHeartbeats } from '@/lib/workers';
import { dispatch } from '@/workers';
import { limited, sleepy } from './fixtures/jobs';
import { testRedisUrl, waitFor } from '../helpers/redis';
import { FIXTURE_JOBS, runtimeTestbed, spawnLookout, type ChildWorker } from './helpers';

const { prefix, redis, workers } = runtimeTestbed('procs');
const children: ChildWorker[] = [];
const slow = new Queue('slow', { connection: { url: testRedisUrl() }, prefix });
// Its own queue: BullMQ spaces stall checks per queue by the longest stalledInterval seen, and other tests use 30 s.
const stalling = new Queue('stalling', { connection: { url: testRedisUrl() }, prefix });
const stallingTwice = new Queue('stalling-twice', { connection: { url: testRedisUrl() }, prefix });

function work(...args: string[]): ChildWorker {
  const child = spawnLookout(['work', `--jobs=${FIXTURE_JOBS}`, `--prefix=${prefix}`, ...args]);
  children.push(child);
  return child;
}

async function heartbeatOf(child: ChildWorker) {
  return waitFor(async () => (await readWorkerHeartbeats(redis, [prefix])).find((heartbeat) => heartbeat.pid === child.child.pid), 20_000, 'its heartbeat');
}

/** Waits until the sleepy job's handler is under way (it counts its runs first), not merely until the job is active. */
async function runStarted(key: string, run = 1) {
  await waitFor(async () => (await redis.get(`${key}:runs`)) === String(run), 20_000, `run ${run} to start`);
}

beforeAll(() => {
  // The fixture jobs also run in this process (after a kill or a release), where they read REDIS_URL too.
  process.env.REDIS_URL = testRedisUrl();
});

afterAll(async () => {
  for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map((child) => child.exited));
  await slow.close();
  await stalling.close();
  await stallingTwice.close();
});

describe('lookout work as a process', () => {
  it('holds a rate limit across two worker processes', async () => {
    const first = work('--queue=limited', '--concurrency=5');
    const second = work('--queue=limited', '--concurrency=5');
    await Promise.all([heartbeatOf(first), heartbeatOf(second)]);
    const key = `${prefix}:limited-starts`;
    for (let i = 0; i < 12; i++) await dispatch(limited, { key });
    const starts = await waitFor(async () => {
      const entries = await redis.lrange(key, 0, -1);
      return entries.length === 12 ? entries : null;
    }, 30_000, 'twelve rate-limited jobs');
    const times = starts.map((entry) => Number(entry.split(':')[0])).sort((a, b) => a - b);
    // No four starts within one window. Starts are stamped a moment after admission, hence the small allowance.
    for (let i = 0; i + 3 < times.length; i++) expect((times[i + 3] ?? 0) - (times[i] ?? 0)).toBeGreaterThanOrEqual(850);
    expect(new Set(starts.map((entry) => entry.split(':')[1])).size).toBe(2);
    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect((await second.exited).code).toBe(0);
  });

  it('finishes a 2 s job on SIGTERM before exiting, and loses nothing', async () => {
    const worker = work('--queue=slow');
    await heartbeatOf(worker);
    const key = `${prefix}:sigterm`;
    const { id } = await dispatch(sleepy, { key, ms: 2000 });
    await runStarted(key);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    const job = await slow.getJob(id);
    expect(await job?.getState()).toBe('completed');
    expect(await redis.lrange(`${key}:done`, 0, -1)).toEqual([String(worker.child.pid)]);
    // A clean exit removes the heartbeat: the worker is gone, not stale.
    expect((await readWorkerHeartbeats(redis, [prefix])).some((heartbeat) => heartbeat.pid === worker.child.pid)).toBe(false);
  });

  it('releases a job that outlives the grace period back to its queue, without counting an attempt', async () => {
    const worker = work('--queue=slow', '--grace=0.3');
    await heartbeatOf(worker);
    const key = `${prefix}:grace`;
    const { id } = await dispatch(sleepy, { key, ms: 10_000 });
    await runStarted(key);
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    const released = await slow.getJob(id);
    expect(['waiting', 'delayed']).toContain(await released?.getState());
    expect(released?.attemptsMade).toBe(0);
    await workers.start({ queues: ['slow'], jobs: [sleepy] });
    await waitFor(async () => (await (await slow.getJob(id))?.getState()) === 'completed', 10_000, 'the released job');
  });

  it('queue:restart makes a running worker exit after its current job', async () => {
    // Its own queue: the in-process worker of an earlier test serves `slow`, and would take the job.
    const worker = work('--queue=restarting');
    await heartbeatOf(worker);
    const key = `${prefix}:restart`;
    await dispatch(sleepy, { key, ms: 1500 }, { queue: 'restarting' });
    await runStarted(key);
    const restart = spawnLookout(['queue:restart', `--prefix=${prefix}`]);
    expect((await restart.exited).code).toBe(0);
    expect(restart.output()).toContain('restart signal sent');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('stopped (restart)');
    expect(await redis.lrange(`${key}:done`, 0, -1)).toEqual([String(worker.child.pid)]);
  });

  it('--once runs one job and exits', async () => {
    const key = `${prefix}:once`;
    const first = await dispatch(sleepy, { key, ms: 0 }, { queue: 'once' });
    const second = await dispatch(sleepy, { key, ms: 0 }, { queue: 'once' });
    const worker = work('--queue=once', '--once');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    const once = new Queue('once', { connection: { url: testRedisUrl() }, prefix });
    expect([await (await once.getJob(first.id))?.getState(), await (await once.getJob(second.id))?.getState()]).toEqual(['completed', 'waiting']);
    await once.close();
  });

  it('retries a job whose worker was killed with -9, once its lock expired and the stall check ran', async () => {
    const worker = work('--queue=stalling', '--lock-duration=1000', '--stalled-interval=500');
    await heartbeatOf(worker);
    const key = `${prefix}:kill`;
    const { id } = await dispatch(sleepy, { key, ms: 30_000 }, { queue: 'stalling' });
    await runStarted(key);
    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    await workers.start({ queues: ['stalling'], jobs: [sleepy], lockDurationMs: 1000, stalledIntervalMs: 500 });
    const job = await waitFor(async () => {
      const found = await stalling.getJob(id);
      return (await found?.getState()) === 'completed' ? found : null;
    }, 20_000, 'the stalled job to be retried');
    expect(job.returnvalue).toEqual({ run: 2 });
    expect(job.attemptsStarted).toBe(2);
  });

  it('with --max-stalled=2 gives back a job whose worker was killed in each of two runs, instead of failing it', async () => {
    const flags = ['--queue=stalling-twice', '--lock-duration=1000', '--stalled-interval=500', '--max-stalled=2'];
    const key = `${prefix}:kill-twice`;
    const first = work(...flags);
    await heartbeatOf(first);
    const { id } = await dispatch(sleepy, { key, ms: 30_000, sleepyRuns: 2 }, { queue: 'stalling-twice' });
    await runStarted(key, 1);
    first.child.kill('SIGKILL');
    await first.exited;
    // The next worker's stall check gives the job back (stall 1 of 2), and it runs the job again.
    const second = work(...flags);
    await runStarted(key, 2);
    second.child.kill('SIGKILL');
    await second.exited;
    await workers.start({ queues: ['stalling-twice'], jobs: [sleepy], lockDurationMs: 1000, stalledIntervalMs: 500, maxStalledCount: 2 });
    const job = await waitFor(async () => {
      const found = await stallingTwice.getJob(id);
      const state = await found?.getState();
      if (state === 'failed') throw new Error(`the job failed: ${found?.failedReason}`);
      return state === 'completed' ? found : null;
    }, 20_000, 'the twice-stalled job to complete');
    expect(job.returnvalue).toEqual({ run: 3 });
  });
});
