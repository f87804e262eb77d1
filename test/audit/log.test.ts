import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_MAX_ENTRIES, AUDIT_MAX_JOB_IDS, auditStreamKey, listAudit, recordAudit, toAuditEntry, type AuditRecord } from '../../lib/audit';
import { testRedis, uniquePrefix } from '../helpers/redis';

const redis = testRedis();
const key = auditStreamKey(uniquePrefix('audit'));

const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  actor: { name: 'alice', role: 'operator', via: 'token' },
  action: 'queue.retry',
  queue: 'emails',
  prefix: 'bull',
  jobIds: [],
  count: 0,
  params: {},
  result: 'ok',
  message: null,
  durationMs: 12.4,
  ...overrides,
});

afterAll(async () => {
  await redis.unlink(key);
  redis.disconnect();
});

describe('audit log', () => {
  it('records an entry and reads it back newest first', async () => {
    const ids = Array.from({ length: 30 }, (_, index) => `job-${index}`);
    await recordAudit(redis, record({ jobIds: ids, count: 30, params: { state: 'failed', group: 'abc' } }), key, 1_700_000_000_000);
    await recordAudit(redis, record({ action: 'job.delete', result: 'error', message: 'locked' }), key);
    const { entries, nextCursor } = await listAudit(redis, { limit: 10 }, key);
    expect(nextCursor).toBeNull();
    expect(entries.map((entry) => entry.action)).toEqual(['job.delete', 'queue.retry']);
    expect(entries[1]).toMatchObject({
      at: 1_700_000_000_000,
      actor: { name: 'alice', role: 'operator', via: 'token' },
      queue: 'emails',
      count: 30,
      params: { state: 'failed', group: 'abc' },
      result: 'ok',
      message: null,
      durationMs: 12,
    });
    expect(entries[1]?.jobIds).toEqual(ids.slice(0, AUDIT_MAX_JOB_IDS));
    expect(entries[0]).toMatchObject({ result: 'error', message: 'locked' });
  });

  it('keeps the stream bounded', async () => {
    await Promise.all(Array.from({ length: AUDIT_MAX_ENTRIES + 1000 }, () => recordAudit(redis, record(), key)));
    const length = await redis.xlen(key);
    // MAXLEN ~ trims whole macro nodes, so the length stays within one node (100 entries) of the bound.
    expect(length).toBeLessThanOrEqual(AUDIT_MAX_ENTRIES + 100);
    expect(length).toBeGreaterThanOrEqual(AUDIT_MAX_ENTRIES);
  });

  it('reads hand-damaged entries without failing', () => {
    expect(toAuditEntry('1700000000000-0', ['action', 'rm -rf', 'jobIds', '{', 'count', 'x', 'role', 'root'])).toMatchObject({
      at: 1_700_000_000_000,
      action: 'unknown',
      jobIds: [],
      count: 0,
      actor: { name: 'unknown', role: 'viewer' },
    });
  });
});
