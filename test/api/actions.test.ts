import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as audit from '@/app/api/audit/route';
import * as clean from '@/app/api/queues/[queue]/clean/route';
import * as failures from '@/app/api/queues/[queue]/failures/route';
import * as job from '@/app/api/queues/[queue]/jobs/[id]/route';
import * as promote from '@/app/api/queues/[queue]/jobs/[id]/promote/route';
import * as retryJob from '@/app/api/queues/[queue]/jobs/[id]/retry/route';
import * as pause from '@/app/api/queues/[queue]/pause/route';
import * as resume from '@/app/api/queues/[queue]/resume/route';
import * as retry from '@/app/api/queues/[queue]/retry/route';
import { closeBullQueues } from '@/lib/queues';
import { getRedis } from '@/lib/redis';
import { auditEntriesFor, deleteAuditEntries } from '../helpers/audit';
import { parseError, partnerError, seedFailures } from '../helpers/failures';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';
import { callRoute } from './call-route';

const prefix = uniquePrefix('api-actions');
const redis = testRedis();
const connection = connectionOptions();
let queue: Queue;
let worker: Worker;

const post = (body?: unknown): RequestInit => ({ method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
const onJob = (handler: typeof retryJob.POST, id: string, init: RequestInit = post()) =>
  callRoute(handler, `/api/queues/jobs/jobs/${id}`, { queue: 'jobs', id }, init);
const onQueue = (handler: typeof retry.POST, init: RequestInit = post(), name = 'jobs') => callRoute(handler, `/api/queues/${name}`, { queue: name }, init);

beforeAll(async () => {
  process.env.REDIS_URL = testRedisUrl();
  process.env.LOOKOUT_PREFIXES = prefix;
  queue = await seedFailures(connection, prefix, 'jobs', [
    { id: 'f1', error: partnerError(1) },
    { id: 'f2', error: partnerError(2) },
    { id: 'f3', error: partnerError(3) },
    { id: 'g1', error: partnerError(4) },
    { id: 'g2', error: partnerError(5) },
    { id: 'x1', error: parseError('items') },
    { id: 'x2', error: parseError('items') },
  ]);
  worker = new Worker('jobs', null, { connection, prefix });
  await queue.add('run', {}, { jobId: 'active1' });
  await worker.getNextJob('holder');
  await queue.add('later', {}, { jobId: 'delayed1', delay: 60_000 });
});

afterAll(async () => {
  await worker.close(true);
  await queue.close();
  await closeBullQueues(await getRedis());
  await deleteAuditEntries(redis, prefix);
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('single-job actions', () => {
  it('retries a failed job: 200, then 409 for a second retry', async () => {
    expect(await onJob(retryJob.POST, 'f1')).toEqual({ status: 200, body: { ok: true, previousState: 'failed' } });
    const again = await onJob(retryJob.POST, 'f1');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'Conflict', message: expect.stringContaining('only failed or completed') });
  });

  it('answers one 200 and one 409 to two concurrent retries of the same job', async () => {
    const answers = await Promise.all([onJob(retryJob.POST, 'f2'), onJob(retryJob.POST, 'f2')]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
  });

  it('deletes a job, then answers 404 to a retry or a second delete', async () => {
    expect(await onJob(job.DELETE, 'f3', { method: 'DELETE' })).toEqual({ status: 200, body: { ok: true, previousState: 'failed' } });
    expect((await onJob(retryJob.POST, 'f3')).status).toBe(404);
    expect((await onJob(job.DELETE, 'f3', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses to delete an active job with 409', async () => {
    const { status, body } = await onJob(job.DELETE, 'active1', { method: 'DELETE' });
    expect(status).toBe(409);
    expect(body.error?.message).toContain('lock');
  });

  it('promotes a delayed job once', async () => {
    expect((await onJob(promote.POST, 'delayed1')).status).toBe(200);
    expect((await onJob(promote.POST, 'delayed1')).status).toBe(409);
  });

  it('answers 404 for an unknown queue', async () => {
    const { status } = await callRoute(retryJob.POST, '/api/queues/nope/jobs/1/retry', { queue: 'nope', id: '1' }, post());
    expect(status).toBe(404);
  });
});

describe('failure groups and bulk actions', () => {
  it('lists failure groups, then retries one group', async () => {
    const { status, body } = await onQueue(failures.GET as never, { method: 'GET' });
    expect(status).toBe(200);
    const groups = body.groups as Array<{ fingerprint: string; errorClass: string; count: number }>;
    // Equal counts: the group that failed most recently comes first.
    expect(groups.map((group) => [group.errorClass, group.count])).toEqual([
      ['TypeError', 2],
      ['Error', 2],
    ]);
    expect(body).toMatchObject({ sampled: 4, total: 4 });

    const partner = groups.find((group) => group.errorClass === 'Error');
    const retried = await onQueue(retry.POST, post({ state: 'failed', group: partner?.fingerprint }));
    expect(retried).toEqual({ status: 200, body: { count: 2, skipped: 0, scanned: 4 } });
  });

  it('deletes listed jobs with clean', async () => {
    const cleaned = await onQueue(clean.POST, post({ state: 'failed', ids: ['x1', 'nope'] }));
    expect(cleaned).toEqual({ status: 200, body: { count: 1, skipped: 1, scanned: 2 } });
  });

  it('retries every failed job', async () => {
    expect(await onQueue(retry.POST, post({ state: 'failed' }))).toMatchObject({ status: 200, body: { count: 1 } });
  });

  it.each([
    [{ state: 'waiting' }, 'state'],
    [{ state: 'failed', group: 'zz' }, 'group'],
    [{ state: 'failed', group: '0123456789abcdef', ids: ['1'] }, 'ids'],
    [{ state: 'failed', ids: [] }, 'ids'],
  ])('rejects the retry body %j with a 400 naming %s', async (body, field) => {
    const { status, body: answer } = await onQueue(retry.POST, post(body));
    expect(status).toBe(400);
    expect(answer.error).toMatchObject({ code: 'Invalid', field });
  });

  it('rejects a malformed JSON body and a clean without state', async () => {
    expect((await onQueue(retry.POST, { method: 'POST', body: '{nope' })).status).toBe(400);
    expect(await onQueue(clean.POST, post({ graceMs: 0 }))).toMatchObject({ status: 400, body: { error: { field: 'state' } } });
  });

  it('pauses and resumes the queue', async () => {
    expect(await onQueue(pause.POST)).toEqual({ status: 200, body: { ok: true, paused: true } });
    expect(await onQueue(resume.POST)).toEqual({ status: 200, body: { ok: true, paused: false } });
  });
});

describe('GET /api/audit', () => {
  it('records every action and refusal with who, what, where, count and result', async () => {
    const { status, body } = await callRoute(audit.GET as never, '/api/audit?limit=500', {});
    expect(status).toBe(200);
    const mine = (body.entries as Array<Record<string, unknown>>).filter((entry) => entry.prefix === prefix);
    expect(mine.length).toBe((await auditEntriesFor(redis, prefix)).length);
    const actions = mine.map((entry) => `${entry.action as string}:${entry.result as string}`).reverse();
    expect(actions.slice(0, 4).sort()).toEqual(['job.retry:error', 'job.retry:error', 'job.retry:ok', 'job.retry:ok']);
    expect(actions).toContain('queue.pause:ok');
    expect(actions).toContain('job.delete:error');
    const groupRetry = mine.find((entry) => entry.action === 'queue.retry' && (entry.params as { group?: string }).group);
    expect(groupRetry).toMatchObject({ actor: { name: 'local (no authentication)', via: 'none' }, queue: 'jobs', count: 2, result: 'ok', message: null });
    const refusal = mine.find((entry) => entry.action === 'job.delete' && entry.result === 'error');
    expect(refusal).toMatchObject({ jobIds: ['active1'], count: 0, message: expect.stringContaining('lock') });
  });

  it('pages with a cursor and validates it', async () => {
    const first = await callRoute(audit.GET as never, '/api/audit?limit=2', {});
    const firstIds = (first.body.entries as Array<{ id: string }>).map((entry) => entry.id);
    expect(firstIds).toHaveLength(2);
    expect(first.body.nextCursor).toBe(firstIds[1]);
    const second = await callRoute(audit.GET as never, `/api/audit?limit=2&cursor=${first.body.nextCursor as string}`, {});
    const secondIds = (second.body.entries as Array<{ id: string }>).map((entry) => entry.id);
    // Stream ids of one millisecond compare as strings only within the same length, so compare as (ms, seq).
    const older = (a: string, b: string) => {
      const [msA = 0, seqA = 0] = a.split('-').map(Number);
      const [msB = 0, seqB = 0] = b.split('-').map(Number);
      return msA < msB || (msA === msB && seqA < seqB);
    };
    expect(older(secondIds[0] ?? '', firstIds[1] ?? '')).toBe(true);
    expect((await callRoute(audit.GET as never, '/api/audit?cursor=x', {})).status).toBe(400);
  });
});
