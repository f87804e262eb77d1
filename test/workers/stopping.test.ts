import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { defineJob, dispatch } from '@/workers';
import { testRedisUrl } from '../helpers/redis';
import { runtimeTestbed } from './helpers';

const { prefix, workers } = runtimeTestbed('stop');
const connection = { url: testRedisUrl() };
const done: string[] = [];

const task = defineJob({
  name: 'task',
  handle: async (data: { label: string; ms?: number }) => {
    await new Promise((resolve) => setTimeout(resolve, data.ms ?? 0));
    done.push(data.label);
  },
});



async function fill(queue: string, count: number, ms = 0) {
  for (let i = 1; i <= count; i++) await dispatch(task, { label: `${queue}-${i}`, ms }, { queue });
}

describe('when a worker stops by itself', () => {
  it('--max-jobs: after taking that many jobs, even with concurrency', async () => {
    await fill('max-jobs', 6, 50);
    const runtime = await workers.start({ queues: ['max-jobs'], jobs: [task], concurrency: 2, maxJobs: 3 });
    expect(await runtime.finished).toBe('max-jobs');
    expect(done.filter((label) => label.startsWith('max-jobs'))).toHaveLength(3);
    const queue = new Queue('max-jobs', { connection, prefix });
    expect(await queue.getJobCounts('completed', 'waiting', 'active')).toEqual({ completed: 3, waiting: 3, active: 0 });
    await queue.close();
  });

  it('--stop-when-empty: once its queues have nothing waiting, delayed or running', async () => {
    await fill('empty-a', 3);
    await dispatch(task, { label: 'empty-b-delayed' }, { queue: 'empty-b', delay: 300 });
    const runtime = await workers.start({ queues: ['empty-a', 'empty-b'], jobs: [task], concurrency: 2, stopWhenEmpty: true });
    expect(await runtime.finished).toBe('empty');
    expect(done.filter((label) => label.startsWith('empty')).sort()).toEqual(['empty-a-1', 'empty-a-2', 'empty-a-3', 'empty-b-delayed']);
  });

  it('--max-time: after that many seconds, letting the running job finish', async () => {
    await fill('max-time', 1, 600);
    const runtime = await workers.start({ queues: ['max-time'], jobs: [task], maxTime: 0.2 });
    expect(await runtime.finished).toBe('max-time');
    expect(done).toContain('max-time-1');
  });
});
