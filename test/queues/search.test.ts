import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter, findJobInQueues, listJobs, previewMatches, readFailureGroups, searchJobs, type JobQuery, type QueueRef } from '../../lib/queues';
import { writeFailedJobs } from '../helpers/failed-jobs';
import { parseError, partnerError, seedFailures } from '../helpers/failures';
import { connectionOptions, deletePrefix, testRedis, uniquePrefix } from '../helpers/redis';

const prefix = uniquePrefix('search');
const redis = testRedis();
const connection = connectionOptions();
const queues: Queue[] = [];
const HOUR = 3_600_000;
const BIG = 200_000;

const shop: QueueRef = { prefix, name: 'shop' };
const big: QueueRef = { prefix, name: 'big' };

/** Every match of a query, following nextCursor to the end. */
async function searchAll(ref: QueueRef, query: JobQuery, limit = 50) {
  const ids: string[] = [];
  const pages: { scanned: number; total: number; nextCursor: string | null }[] = [];
  let offset = 0;
  for (;;) {
    const page = await searchJobs(redis, ref, compileFilter(query, Date.now()), { offset, limit });
    ids.push(...page.jobs.map((job) => job.id));
    pages.push({ scanned: page.scanned, total: page.total, nextCursor: page.nextCursor });
    if (!page.nextCursor) return { ids, pages };
    offset = Number(page.nextCursor);
  }
}

beforeAll(async () => {
  // Failures first: the seeding worker takes the oldest waiting job.
  queues.push(
    await seedFailures(connection, prefix, 'shop', [
      { id: 'f1', error: partnerError(101), data: { account: 101 } },
      { id: 'f2', error: partnerError(202), data: { account: 202 } },
      { id: 'f3', error: parseError('items'), data: { account: 303 } },
    ]),
  );
  const queue = new Queue('shop', { connection, prefix });
  queues.push(queue);
  const now = Date.now();
  await queue.add('Charge-card', { userId: 42, user: { email: 'ann@example.com' }, code: '42' }, { jobId: 'w1', timestamp: now - 3 * HOUR });
  await queue.add('charge-refund', { userId: 7, user: { email: 'bob@example.com' } }, { jobId: 'w2', timestamp: now - 2 * HOUR });
  await queue.add('ship', { userId: 42, note: 'second order' }, { jobId: 'w3', timestamp: now - 10 * 60_000 });
  await queue.add('ship', { userId: '420' }, { jobId: 'charge', timestamp: now });
  await writeFailedJobs(redis, prefix, 'big', BIG, {
    data: (i) => ({ userId: 100_000 + i, email: `user${i}@example.com`, plan: i % 2 ? 'pro' : 'free' }),
    failedReason: (i) => (i % 2 ? 'Partner API answered 503' : 'card declined'),
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.close()));
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('search terms', () => {
  it('matches a job id exactly, a name by prefix in any case, and a failure reason by substring', async () => {
    expect((await searchAll(shop, { state: 'waiting', q: 'charge' })).ids.sort()).toEqual(['charge', 'w1', 'w2']);
    expect((await searchAll(shop, { state: 'waiting', q: 'CHARGE-C' })).ids).toEqual(['w1']);
    expect((await searchAll(shop, { state: 'waiting', q: 'w3' })).ids).toEqual(['w3']);
    expect((await searchAll(shop, { state: 'waiting', q: 'w' })).ids).toEqual([]);
    expect((await searchAll(shop, { state: 'failed', q: 'answered 503' })).ids.sort()).toEqual(['f1', 'f2']);
    expect((await searchAll(shop, { state: 'failed', q: 'READING' })).ids).toEqual(['f3']);
  });

  it('matches a data field by dotted path, as a number or a string', async () => {
    expect((await searchAll(shop, { state: 'waiting', q: 'data.userId=42' })).ids.sort()).toEqual(['w1', 'w3']);
    expect((await searchAll(shop, { state: 'waiting', q: 'data.userId=420' })).ids).toEqual(['charge']);
    expect((await searchAll(shop, { state: 'waiting', q: 'data.user.email=bob@example.com' })).ids).toEqual(['w2']);
    expect((await searchAll(shop, { state: 'waiting', q: 'data.code="42"' })).ids).toEqual(['w1']);
    expect((await searchAll(shop, { state: 'waiting', q: 'data.note=second order' })).ids).toEqual(['w3']);
    expect((await searchAll(shop, { state: 'failed', q: 'data.account=303' })).ids).toEqual(['f3']);
  });

  it('narrows by age: finished jobs by finish time, others by creation time', async () => {
    expect((await searchAll(shop, { state: 'waiting', olderThanMs: HOUR })).ids).toEqual(['w1', 'w2']);
    expect((await searchAll(shop, { state: 'waiting', newerThanMs: HOUR })).ids).toEqual(['w3', 'charge']);
    expect((await searchAll(shop, { state: 'waiting', q: 'data.userId=42', newerThanMs: HOUR })).ids).toEqual(['w3']);
    expect((await searchAll(shop, { state: 'failed', newerThanMs: HOUR })).ids.sort()).toEqual(['f1', 'f2', 'f3']);
    expect((await searchAll(shop, { state: 'failed', olderThanMs: HOUR })).ids).toEqual([]);
  });

  it('keeps one failure group', async () => {
    const { groups } = await readFailureGroups(redis, shop);
    const partner = groups.find((group) => group.message.includes('Partner'));
    expect((await searchAll(shop, { state: 'failed', group: partner?.fingerprint })).ids.sort()).toEqual(['f1', 'f2']);
    expect((await searchAll(shop, { state: 'failed', group: partner?.fingerprint, q: '202' })).ids).toEqual(['f2']);
  });
});

describe('paging a search', () => {
  it('lists matches in the order of the jobs list, stops right after the limit-th, and continues from there', async () => {
    const listed = (await listJobs(redis, big, 'failed', { offset: 0, limit: 20 })).jobs.filter((job) => job.failedReason === 'card declined').map((job) => job.id);
    const first = await searchJobs(redis, big, compileFilter({ state: 'failed', q: 'card declined' }, Date.now()), { offset: 0, limit: 5 });
    expect(first.jobs.map((job) => job.id)).toEqual(listed.slice(0, 5));
    // Every other job matches, so the fifth match is the ninth or tenth job.
    expect(first.nextCursor).toBe(String(first.scanned));
    expect(first.scanned).toBeLessThanOrEqual(10);
    const second = await searchJobs(redis, big, compileFilter({ state: 'failed', q: 'card declined' }, Date.now()), { offset: first.scanned, limit: 5 });
    expect(second.jobs.map((job) => job.id)).toEqual(listed.slice(5, 10));
  });
});

describe(`a search over ${BIG.toLocaleString('en-US')} jobs`, () => {
  it('finds the one job with a data field, reporting how far it got after every step', async () => {
    const target = String(123_457 - 100_000 + 1);
    const scans: number[] = [];
    const found: string[] = [];
    let offset = 0;
    for (;;) {
      // No time budget: one window per request, as a slow request would answer.
      const page = await searchJobs(redis, big, compileFilter({ state: 'failed', q: 'data.userId=123457' }, Date.now()), { offset, limit: 50 }, 0);
      expect(page.total).toBe(BIG);
      scans.push(page.scanned);
      found.push(...page.jobs.map((job) => job.id));
      if (!page.nextCursor) break;
      offset = Number(page.nextCursor);
    }
    expect(found).toEqual([target]);
    expect(scans.length).toBeGreaterThan(10);
    expect(scans.every((scanned, index) => index === 0 || scanned > (scans[index - 1] as number))).toBe(true);
    expect(scans.at(-1)).toBe(BIG);
  });

  it('counts matches exactly for a preview, with a sample', async () => {
    const preview = await previewMatches(redis, big, compileFilter({ state: 'failed', q: 'data.plan=pro' }, Date.now()));
    expect(preview.matched).toBe(BIG / 2);
    expect(preview.sample).toHaveLength(5);
    expect(preview.sample.every((job) => job.failedReason === 'Partner API answered 503')).toBe(true);
  });
});

describe('finding a job by id across queues', () => {
  it('answers each queue that has the id, with its state', async () => {
    const found = await findJobInQueues(redis, [shop, big, { prefix, name: 'missing' }], 'f1');
    expect(found).toEqual([expect.objectContaining({ queue: 'shop', prefix, id: 'f1', state: 'failed', name: 'sync' })]);
    const inBoth = await findJobInQueues(redis, [shop, big], '2');
    expect(inBoth.map((job) => [job.queue, job.state])).toEqual([['big', 'failed']]);
    expect(await findJobInQueues(redis, [shop, big], 'nope')).toEqual([]);
  });
});
