import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as batchRoute from '@/app/api/batches/[id]/route';
import * as cancelRoute from '@/app/api/batches/[id]/cancel/route';
import * as retryRoute from '@/app/api/batches/[id]/retry/route';
import * as listRoute from '@/app/api/batches/route';
import type { BatchDetail, BatchView } from '@/lib/batches';
import { batch, defineJob } from '@/workers';
import { callRoute } from '../api/call-route';
import { auditEntriesFor, deleteAuditEntries } from '../helpers/audit';
import { testRedisUrl, waitFor } from '../helpers/redis';
import { runtimeTestbed } from '../workers/helpers';

/** Batches made by the real runtime (batch(…).dispatch()) and run by its worker, read through the API routes. */
const { prefix, redis, workers } = runtimeTestbed('batches-api');

/** Rows marked `fail` throw until the test heals them, so a retry can succeed. */
let healed = false;
const reportRow = defineJob({
  name: 'report-row',
  queue: 'reports',
  tries: 1,
  handle: (data: { row: number; fail?: boolean }) => {
    if (data.fail && !healed) throw new Error(`row ${data.row} is malformed`);
    return { row: data.row };
  },
});
const slowRow = defineJob({ name: 'slow-row', queue: 'slow', tries: 1, handle: () => undefined });

const post = { method: 'POST' };

beforeAll(() => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
});

afterAll(() => deleteAuditEntries(redis, prefix));

async function list(): Promise<BatchView[]> {
  const { status, body } = await callRoute(listRoute.GET, '/api/batches', {});
  expect(status).toBe(200);
  return body.batches as BatchView[];
}

async function detail(id: string): Promise<BatchDetail> {
  const { status, body } = await callRoute(batchRoute.GET, `/api/batches/${id}`, { id });
  expect(status).toBe(200);
  return body as unknown as BatchDetail;
}

describe('GET /api/batches', () => {
  let reportId = '';

  it('lists a batch as the runtime dispatched it, newest first, and follows it to 100 % with its failures', async () => {
    const rows = Array.from({ length: 8 }, (_, index) => reportRow.with({ row: index, fail: index === 2 || index === 5 }));
    const report = await batch(rows).name('nightly report').allowFailures().dispatch();
    reportId = report.id;
    const before = (await list()).find((entry) => entry.id === report.id);
    expect(before).toMatchObject({ name: 'nightly report', prefix, queue: 'reports', total: 8, pending: 8, failed: 0, progress: 0, finished: false, cancelled: false, state: 'running' });
    expect(before?.createdAt).toBeGreaterThan(Date.now() - 60_000);

    const runtime = await workers.start({ queues: ['reports'], jobs: [reportRow], concurrency: 4 });
    const done = await waitFor(async () => (await list()).find((entry) => entry.id === report.id && entry.finished), 20_000, 'the batch to finish');
    expect(done).toMatchObject({ total: 8, pending: 0, failed: 2, processed: 6, progress: 100, state: 'failed', cancelled: false });
    await runtime.stop();
  });

  it('shows one batch with its jobs, failed ones first, each with its state and job page', async () => {
    const found = await detail(reportId);
    expect(found).toMatchObject({ id: reportId, total: 8, failed: 2, progress: 100, batchJob: { prefix, queue: 'reports', id: `lookout-batch-${reportId}` } });
    expect(found.jobs).toHaveLength(8);
    expect(found.jobs.slice(0, 2).map((job) => [job.state, job.failedReason])).toEqual([
      ['failed', expect.stringMatching(/row \d is malformed/)],
      ['failed', expect.stringMatching(/row \d is malformed/)],
    ]);
    expect(found.jobs.slice(2).every((job) => job.state === 'completed' && job.name === 'report-row' && job.queue === 'reports')).toBe(true);
    const first = found.jobs[0]!;
    expect(first.href).toBe(`/queues/reports/jobs/${first.id}`);
  });

  it('retries the failed jobs: they count as pending again, then as processed', async () => {
    healed = true;
    const { status, body } = await callRoute(retryRoute.POST, `/api/batches/${reportId}/retry`, { id: reportId }, post);
    expect(status).toBe(200);
    expect(body).toEqual({ count: 2 });
    expect(await detail(reportId)).toMatchObject({ pending: 2, failed: 0, progress: 75, state: 'running' });
    const runtime = await workers.start({ queues: ['reports'], jobs: [reportRow], concurrency: 2 });
    const again = await waitFor(async () => {
      const found = await detail(reportId);
      return found.pending === 0 ? found : null;
    }, 20_000, 'the retried jobs to run');
    expect(again).toMatchObject({ failed: 0, processed: 8, progress: 100, state: 'finished' });
    expect(again.jobs.every((job) => job.state === 'completed')).toBe(true);
    await runtime.stop();
    expect((await auditEntriesFor(redis, prefix)).find((entry) => entry.action === 'batch.retry')).toMatchObject({ count: 2, queue: 'reports', params: { batchId: reportId }, result: 'ok' });
  });

  it('retrying a batch without failures retries nothing', async () => {
    const { status, body } = await callRoute(retryRoute.POST, `/api/batches/${reportId}/retry`, { id: reportId }, post);
    expect(status).toBe(200);
    expect(body).toEqual({ count: 0 });
  });
});

describe('POST /api/batches/:id/cancel', () => {
  it('cancels a batch: the worker skips its jobs that had not started, and the batch finishes cancelled', async () => {
    const slow = await batch(Array.from({ length: 5 }, () => slowRow.with({}))).name('to cancel').dispatch();
    const { status, body } = await callRoute(cancelRoute.POST, `/api/batches/${slow.id}/cancel`, { id: slow.id }, post);
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true });
    expect(await detail(slow.id)).toMatchObject({ cancelled: true, finished: false, state: 'cancelled', pending: 5 });

    const again = await callRoute(cancelRoute.POST, `/api/batches/${slow.id}/cancel`, { id: slow.id }, post);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toContain('cancelled already');

    const runtime = await workers.start({ queues: ['slow'], jobs: [slowRow], concurrency: 5 });
    const done = await waitFor(async () => (await list()).find((entry) => entry.id === slow.id && entry.finished), 20_000, 'the cancelled batch to finish');
    expect(done).toMatchObject({ cancelled: true, pending: 0, failed: 0, processed: 5, progress: 100 });
    await runtime.stop();

    const retry = await callRoute(retryRoute.POST, `/api/batches/${slow.id}/retry`, { id: slow.id }, post);
    expect(retry.status).toBe(409);
  });

  it('refuses to cancel a batch that has finished', async () => {
    const quick = await batch([reportRow.with({ row: 99 })]).dispatch();
    const runtime = await workers.start({ queues: ['reports'], jobs: [reportRow], concurrency: 1 });
    await waitFor(async () => (await detail(quick.id)).finished, 20_000, 'the batch to finish');
    await runtime.stop();
    const { status, body } = await callRoute(cancelRoute.POST, `/api/batches/${quick.id}/cancel`, { id: quick.id }, post);
    expect(status).toBe(409);
    expect(body.error?.message).toContain('finished');
  });
});

describe('unknown batches', () => {
  const id = '00000000-0000-4000-8000-000000000000';

  it('answer 404 to every route', async () => {
    expect((await callRoute(batchRoute.GET, `/api/batches/${id}`, { id })).status).toBe(404);
    expect((await callRoute(retryRoute.POST, `/api/batches/${id}/retry`, { id }, post)).status).toBe(404);
    expect((await callRoute(cancelRoute.POST, `/api/batches/${id}/cancel`, { id }, post)).status).toBe(404);
  });
});
