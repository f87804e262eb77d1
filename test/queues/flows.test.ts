import { FlowProducer, Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as jobRoute from '@/app/api/queues/[queue]/jobs/[id]/route';
import type { JobDetail } from '@/lib/queues';
import { MAX_LISTED_CHILDREN } from '@/lib/queues';
import { callRoute } from '../api/call-route';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';

/** A BullMQ flow written by a plain FlowProducer: the job page shows its parent and its children in other queues. */
const prefix = uniquePrefix('flows');
const redis = testRedis();
const connection = connectionOptions();
const flows = new FlowProducer({ connection, prefix });
const closers: { close(): Promise<void> }[] = [flows];

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  await flows.add({
    name: 'monthly-invoice',
    queueName: 'invoices',
    data: { month: '2026-11' },
    opts: { jobId: 'inv-1' },
    children: [
      { name: 'render-pdf', queueName: 'pdfs', data: { page: 1 }, opts: { jobId: 'pdf-1' } },
      { name: 'render-pdf', queueName: 'pdfs', data: { page: 2 }, opts: { jobId: 'pdf-2', ignoreDependencyOnFailure: true } },
      { name: 'send-copy', queueName: 'emails', data: { to: 'ada@example.com' }, opts: { jobId: 'mail-1', delay: 3_600_000 } },
    ],
  });
});

afterAll(async () => {
  for (const closer of closers) await closer.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function job(queue: string, id: string): Promise<JobDetail> {
  const { status, body } = await callRoute(jobRoute.GET, `/api/queues/${queue}/jobs/${id}`, { queue, id });
  expect(status).toBe(200);
  return body as unknown as JobDetail;
}

describe('flows in the job detail', () => {
  it('lists a parent’s children across queues with their states', async () => {
    const parent = await job('invoices', 'inv-1');
    expect(parent).toMatchObject({ state: 'waiting-children', parent: null, childCounts: { pending: 3, completed: 0, failed: 0, total: 3 } });
    expect(parent.children.map(({ queue, id, name, state }) => ({ queue, id, name, state }))).toEqual([
      { queue: 'emails', id: 'mail-1', name: 'send-copy', state: 'delayed' },
      { queue: 'pdfs', id: 'pdf-1', name: 'render-pdf', state: 'waiting' },
      { queue: 'pdfs', id: 'pdf-2', name: 'render-pdf', state: 'waiting' },
    ].sort((a, b) => a.id.localeCompare(b.id)));
    expect(parent.children.every((child) => child.prefix === prefix)).toBe(true);
  });

  it('names a child’s parent, and a job outside any flow has neither', async () => {
    expect(await job('pdfs', 'pdf-1')).toMatchObject({ parent: { prefix, queue: 'invoices', id: 'inv-1' }, children: [], childCounts: { total: 0 } });
    const plain = new Queue('pdfs', { connection, prefix });
    closers.push(plain);
    await plain.add('render-pdf', { page: 9 }, { jobId: 'loose' });
    expect(await job('pdfs', 'loose')).toMatchObject({ parent: null, children: [], childCounts: { total: 0 } });
  });

  it('follows children as a worker completes one and another fails (ignored by the parent)', async () => {
    const worker = new Worker(
      'pdfs',
      async (current) => {
        if (current.data.page === 2) throw new Error('font missing');
        return { pages: 1 };
      },
      { connection, prefix },
    );
    closers.push(worker);
    const parent = await waitFor(async () => {
      const found = await job('invoices', 'inv-1');
      return found.childCounts.pending === 1 ? found : null;
    }, 20_000, 'both pdf children to finish');
    await worker.close();
    expect(parent.childCounts).toEqual({ pending: 1, completed: 1, failed: 1, total: 3 });
    expect(parent.children.map(({ id, state, failedReason }) => ({ id, state, failedReason }))).toEqual([
      { id: 'pdf-2', state: 'failed', failedReason: 'font missing' },
      { id: 'mail-1', state: 'delayed', failedReason: null },
      { id: 'pdf-1', state: 'completed', failedReason: null },
    ]);
  });

  it(`lists at most ${MAX_LISTED_CHILDREN} children and counts all of them`, async () => {
    await flows.add({
      name: 'bulk-export',
      queueName: 'exports',
      data: {},
      opts: { jobId: 'big' },
      children: Array.from({ length: 130 }, (_, index) => ({ name: 'chunk', queueName: 'chunks', data: { index } })),
    });
    const parent = await job('exports', 'big');
    expect(parent.childCounts).toEqual({ pending: 130, completed: 0, failed: 0, total: 130 });
    expect(parent.children).toHaveLength(MAX_LISTED_CHILDREN);
    expect(parent.children.every((child) => child.queue === 'chunks' && child.state === 'waiting')).toBe(true);
  });
});
