import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as operation from '@/app/api/operations/[id]/route';
import * as operations from '@/app/api/operations/route';
import * as bulk from '@/app/api/queues/[queue]/bulk/route';
import * as preview from '@/app/api/queues/[queue]/bulk/preview/route';
import * as jobs from '@/app/api/queues/[queue]/jobs/route';
import * as search from '@/app/api/search/route';
import { stopOperationRunner } from '@/lib/operations';
import { closeBullQueues } from '@/lib/queues';
import { getRedis } from '@/lib/redis';
import { auditEntriesFor, deleteAuditEntries } from '../helpers/audit';
import { writeFailedJobs } from '../helpers/failed-jobs';
import { partnerError, seedFailures } from '../helpers/failures';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';
import { callRoute } from './call-route';

const prefix = uniquePrefix('api-ops');
const redis = testRedis();
const queues: Queue[] = [];
const LONG = 10_000;

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const onQueue = <P>(handler: (request: Request, context: { params: Promise<{ queue: string }> }) => Promise<Response>, path: string, init?: RequestInit, name = 'billing') =>
  callRoute(handler, `/api/queues/${name}${path}`, { queue: name }, init);
const onOperation = (handler: typeof operation.GET, id: string, init?: RequestInit) => callRoute(handler, `/api/operations/${id}`, { id }, init);

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  process.env.LOOKOUT_NAMESPACE = prefix;
  queues.push(
    await seedFailures(connectionOptions(), prefix, 'billing', [
      { id: 'p1', error: partnerError(101), data: { account: 101, user: { id: 7 } } },
      { id: 'p2', error: partnerError(202), data: { account: 202, user: { id: 8 } } },
      { id: 'c1', error: new Error('card declined'), data: { account: 303, user: { id: 7 } } },
    ]),
  );
  await writeFailedJobs(redis, prefix, 'long', LONG);
});

afterAll(async () => {
  await stopOperationRunner();
  await Promise.all(queues.map((queue) => queue.close()));
  await closeBullQueues(await getRedis());
  await deleteAuditEntries(redis, prefix);
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('GET /api/queues/:queue/jobs with q', () => {
  it('answers the matches with how far the scan got', async () => {
    const { status, body } = await onQueue(jobs.GET, '/jobs?state=failed&q=data.user.id=7');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 3, scanned: 3, nextCursor: null });
    expect((body.jobs as { id: string }[]).map((job) => job.id).sort()).toEqual(['c1', 'p1']);
  });

  it('refuses a group outside the failed state, naming the field', async () => {
    const { status, body } = await onQueue(jobs.GET, '/jobs?state=waiting&group=0123456789abcdef');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'Invalid', field: 'group' });
  });
});

describe('bulk actions by query', () => {
  it('previews the exact count and a sample', async () => {
    const { status, body } = await onQueue(preview.POST, '/bulk/preview', post({ action: 'retry', state: 'failed', q: 'partner api' }));
    expect(status).toBe(200);
    expect(body.matched).toBe(2);
    expect((body.sample as { id: string }[]).map((job) => job.id).sort()).toEqual(['p1', 'p2']);
  });

  it('refuses an action on a state it does not apply to', async () => {
    const { status, body } = await onQueue(preview.POST, '/bulk/preview', post({ action: 'promote', state: 'failed' }));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ field: 'state' });
  });

  it('starts an operation (202), which runs in the background and can be followed to its end', async () => {
    const started = await onQueue(bulk.POST, '/bulk', post({ action: 'retry', state: 'failed', q: 'partner api' }));
    expect(started.status).toBe(202);
    const id = started.body.operationId as string;
    const done = await waitFor(async () => {
      const { body } = await onOperation(operation.GET, id);
      return body.state === 'done' ? body : null;
    });
    expect(done).toMatchObject({ id, action: 'retry', state: 'done', done: 2, total: 2, failed: 0, queue: 'billing', requestedBy: 'local (no authentication)' });
    expect(typeof done.startedAt).toBe('number');
    expect(typeof done.finishedAt).toBe('number');
    expect(await queues[0]?.getJobState('p1')).toBe('waiting');
    expect(await queues[0]?.getJobState('c1')).toBe('failed');
    // Cancelling an operation that has ended changes nothing and answers how it ended.
    expect((await onOperation(operation.DELETE, id, { method: 'DELETE' })).body).toMatchObject({ state: 'done', done: 2 });
    await waitFor(async () => (await auditEntriesFor(redis, prefix)).some((entry) => entry.params.operationId === id));
  });

  it('cancels a running operation and answers with the exact number of jobs it changed', async () => {
    const started = await onQueue(bulk.POST, '/bulk', post({ action: 'retry', state: 'failed', q: 'failure' }), 'long');
    const id = started.body.operationId as string;
    const running = await callRoute(operations.GET, '/api/operations?queue=long', {});
    expect(running.status).toBe(200);
    expect(running.body.operations).toEqual(expect.any(Array));
    const cancelled = await onOperation(operation.DELETE, id, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, state: 'cancelled', cancelRequested: true, cancelledBy: 'local (no authentication)' });
    expect(cancelled.body.done).toBe(await redis.llen(`${prefix}:long:wait`));
    expect((await callRoute(operations.GET, '/api/operations?queue=long', {})).body.operations).toEqual([]);
  });

  it('answers 404 for an unknown operation and 400 for a malformed id', async () => {
    expect((await onOperation(operation.GET, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await onOperation(operation.GET, 'not-an-id')).status).toBe(400);
  });
});

describe('GET /api/search', () => {
  it('finds a job by id in every queue', async () => {
    const { status, body } = await callRoute(search.GET, '/api/search?id=c1', {});
    expect(status).toBe(200);
    expect(body.jobs).toEqual([expect.objectContaining({ queue: 'billing', prefix, id: 'c1', state: 'failed' })]);
  });
});
