import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { defineJob, dispatch, type JobDefinition } from '@/workers';
import { testRedisUrl, waitFor } from '../helpers/redis';
import { runtimeTestbed } from './helpers';

const { prefix, workers } = runtimeTestbed('priority');
const order: string[] = [];

const record = (queue: string) =>
  defineJob({
    name: `record-${queue}`,
    queue,
    handle: async (data: { label: string }) => {
      order.push(data.label);
      // The first low job adds a high one: it must run before the remaining low jobs.
      if (data.label === 'low-1') await dispatch(jobs.high, { label: 'high-late' });
    },
  });

const jobs: Record<'high' | 'default' | 'low', JobDefinition<{ label: string }>> = {
  high: record('high'),
  default: record('default'),
  low: record('low'),
};



describe('strict queue priority', () => {
  it('with concurrency 1, a lower queue only gets the slot when the higher ones have no job', async () => {
    // Interleaved, lowest first: arrival order must not matter.
    for (let i = 1; i <= 3; i++) {
      await dispatch(jobs.low, { label: `low-${i}` });
      await dispatch(jobs.default, { label: `default-${i}` });
      await dispatch(jobs.high, { label: `high-${i}` });
    }
    await workers.start({ queues: ['high', 'default', 'low'], jobs: Object.values(jobs), concurrency: 1 });
    await waitFor(async () => order.length === 10, 15_000, 'all ten jobs');
    expect(order).toEqual(['high-1', 'high-2', 'high-3', 'default-1', 'default-2', 'default-3', 'low-1', 'high-late', 'low-2', 'low-3']);
  });

  it('wakes at once when a job arrives on any of its queues', async () => {
    order.length = 0;
    const queue = new Queue('low', { connection: { url: testRedisUrl() }, prefix });
    await queue.add('record-low', { label: 'plain-producer' });
    await queue.close();
    await waitFor(async () => order.includes('plain-producer'), 5000, 'the job from a plain BullMQ producer');
  });
});
