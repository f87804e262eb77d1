import { describe, expect, it } from 'vitest';
import { defineJob, isJobDefinition } from './define-job';
import { toBullJob } from './dispatch/job-options';
import { collectDefinitions, JobRegistry } from './registry';
import { UNLIMITED_ATTEMPTS } from './runtime/retry';

const handle = () => undefined;

describe('defineJob', () => {
  it('fills in the default queue and validates the options', () => {
    expect(defineJob({ name: 'x', handle }).queue).toBe('default');
    expect(() => defineJob({ name: '', handle })).toThrow('name');
    expect(() => defineJob({ name: 'x', tries: 0, handle })).toThrow('tries');
    expect(() => defineJob({ name: 'x', backoff: [], handle })).toThrow('backoff');
    expect(() => defineJob({ name: 'x', rateLimit: { key: 'k', max: 0, perMs: 1000 }, handle })).toThrow('rateLimit.max');
  });

  it('turns definition and dispatch options into BullMQ job options', () => {
    const sync = defineJob({ name: 'sync', queue: 'partners', tries: 3, unique: { key: (data: { id: number }) => String(data.id), ttl: 60 }, handle });
    expect(toBullJob(sync.with({ id: 7 }, { delay: 500, priority: 2, queue: 'urgent' }))).toEqual({
      name: 'sync',
      queue: 'urgent',
      data: { id: 7 },
      opts: { attempts: 3, deduplication: { id: 'sync:7', ttl: 60_000 }, delay: 500, priority: 2 },
    });
    expect(toBullJob(defineJob({ name: 'until', retryUntil: 60, handle }).with({})).opts).toEqual({ attempts: UNLIMITED_ATTEMPTS });
    expect(toBullJob(defineJob({ name: 'plain', handle }).with({})).opts).toEqual({});
  });

  it('refuses job ids BullMQ would misread', () => {
    const job = defineJob({ name: 'x', handle });
    expect(() => toBullJob(job.with({}, { jobId: '42' }))).toThrow('jobId');
    expect(() => toBullJob(job.with({}, { jobId: 'a:b' }))).toThrow('jobId');
  });
});

describe('JobRegistry', () => {
  it('collects exported definitions, also inside arrays and objects', () => {
    const a = defineJob({ name: 'a', handle });
    const b = defineJob({ name: 'b', handle });
    const c = defineJob({ name: 'c', handle });
    expect(collectDefinitions({ a, all: [b], grouped: { c }, other: 42 }).map((job) => job.name).sort()).toEqual(['a', 'b', 'c']);
    expect(isJobDefinition({ name: 'a', handle })).toBe(false);
  });

  it('refuses two different definitions with one name', () => {
    expect(() => new JobRegistry([defineJob({ name: 'a', handle }), defineJob({ name: 'a', handle })])).toThrow('Two job definitions');
  });
});
