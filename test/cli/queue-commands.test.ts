import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntriesFor, deleteAuditEntries } from '../helpers/audit';
import { parseError, partnerError, seedFailures } from '../helpers/failures';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';

/** Runs the real `lookout` binary against the test Redis; every command test below spawns it. */
const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'lookout.mjs');
const prefix = uniquePrefix('cli');
const redis = testRedis();
const connection = connectionOptions();
const queues: Queue[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function lookout(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, REDIS_URL: testRedisUrl(), LOOKOUT_PREFIXES: prefix, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const json = <T>(run: Run): T => JSON.parse(run.stdout) as T;
const stateOf = async (queue: string, id: string) => (await new Queue(queue, { connection, prefix }).getJobState(id)) as string;

async function queue(name: string): Promise<Queue> {
  const created = new Queue(name, { connection, prefix });
  queues.push(created);
  return created;
}

beforeAll(async () => {
  const failures = (ids: string[]) => ids.map((id, index) => ({ id, error: index % 2 ? parseError('items') : partnerError(index) }));
  queues.push(await seedFailures(connection, prefix, 'failing', failures(['a1', 'a2', 'a3'])));
  queues.push(await seedFailures(connection, prefix, 'retry-one', failures(['r1'])));
  queues.push(await seedFailures(connection, prefix, 'retry-all', failures(['b1', 'b2', 'b3', 'b4'])));
  queues.push(await seedFailures(connection, prefix, 'forget', failures(['x1'])));
  const backlog = await queue('backlog');
  await backlog.addBulk(Array.from({ length: 12 }, (_, index) => ({ name: 'send', data: { index } })));
  const clearing = await queue('clearing');
  await clearing.addBulk(Array.from({ length: 5 }, (_, index) => ({ name: 'send', data: { index } })));
  await queue('pausing').then((pausing) => pausing.add('send', {}));
});

afterAll(async () => {
  await Promise.all(queues.map((created) => created.close()));
  await deleteAuditEntries(redis, prefix);
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe.concurrent('lookout queue:* (real binary, real Redis)', () => {
  it('queue:size prints a table of every queue, and JSON for one', async () => {
    const [table, one] = await Promise.all([lookout(['queue:size']), lookout(['queue:size', 'backlog', '--json'])]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^queue\s+size\s+waiting/);
    expect(table.stdout).toMatch(/backlog\s+12\s+12\s/);
    expect(json<{ queues: unknown[] }>(one).queues).toEqual([expect.objectContaining({ name: 'backlog', prefix, size: 12, paused: false })]);
  });

  it('queue:failed lists failed jobs, and --groups groups them', async () => {
    const [table, groups] = await Promise.all([lookout(['queue:failed', 'failing']), lookout(['queue:failed', '--groups', '--json', 'failing'])]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/failing\s+a3\s+sync\s+\S+\s+1\s+Partner API answered 503 for account 2/);
    expect(table.stdout).toContain("Cannot read properties of undefined (reading 'items')");
    const [failing] = json<{ queues: Array<{ queue: string; groups: Array<{ errorClass: string; count: number }> }> }>(groups).queues;
    expect(failing?.groups.map((group) => [group.errorClass, group.count]).sort()).toEqual([
      ['Error', 2],
      ['TypeError', 1],
    ]);
  });

  it('queue:retry <queue> <id> retries once; a second time is refused with exit 1', async () => {
    const first = await lookout(['queue:retry', 'retry-one', 'r1']);
    expect(first).toMatchObject({ code: 0, stdout: 'Retried job r1 of retry-one (it was failed); it is waiting again.\n' });
    expect(await stateOf('retry-one', 'r1')).toBe('waiting');
    const second = await lookout(['queue:retry', 'retry-one', 'r1']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('only failed or completed jobs can be retried');
  });

  it('queue:retry <queue> all retries every failed job and records who did it', async () => {
    const run = await lookout(['queue:retry', 'retry-all', 'all', '--json']);
    expect(run.code).toBe(0);
    expect(json(run)).toEqual({ count: 4, skipped: 0, scanned: 4 });
    const entry = (await auditEntriesFor(redis, prefix)).find((e) => e.queue === 'retry-all');
    expect(entry).toMatchObject({ action: 'queue.retry', count: 4, result: 'ok', actor: { name: expect.stringMatching(/^.+@.+$/), role: 'admin', via: 'cli' } });
  });

  it('queue:forget deletes a job; a second time answers exit 1', async () => {
    expect(await lookout(['queue:forget', 'forget', 'x1'])).toMatchObject({ code: 0, stdout: 'Deleted job x1 of forget (it was failed).\n' });
    const again = await lookout(['queue:forget', 'forget', 'x1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('was not found');
  });

  it('queue:clear deletes the waiting jobs of a queue', async () => {
    const run = await lookout(['queue:clear', 'clearing', '--json']);
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ count: 5 });
    expect(await (await queue('clearing')).getWaitingCount()).toBe(0);
  });

  it('queue:pause and queue:resume flip the paused flag', async () => {
    expect((await lookout(['queue:pause', 'pausing'])).code).toBe(0);
    expect(await (await queue('pausing')).isPaused()).toBe(true);
    expect(json(await lookout(['queue:resume', 'pausing', '--json']))).toEqual({ ok: true, paused: false });
    expect(await (await queue('pausing')).isPaused()).toBe(false);
  });

  it('queue:monitor exits 1 with a message when a queue is over --max, 0 otherwise', async () => {
    const [over, fine] = await Promise.all([lookout(['queue:monitor', 'backlog,failing,nope', '--max=10']), lookout(['queue:monitor', 'backlog', '--max', '12'])]);
    expect(over.code).toBe(1);
    expect(over.stdout).toMatch(/backlog\s+12\s+10\s+OVER/);
    expect(over.stdout).toMatch(/failing\s+0\s+10\s+OK/);
    expect(over.stderr).toBe('backlog has 12 jobs ready to run, over the maximum of 10.\nnope was not found under the configured prefixes.\n');
    expect(fine.code).toBe(0);
    expect(fine.stdout).toMatch(/backlog\s+12\s+12\s+OK/);
  });

  it('explains usage errors, a missing REDIS_URL and an unknown --connection with exit 2', async () => {
    const [noUrl, typo, unknownConnection] = await Promise.all([
      lookout(['queue:size'], { REDIS_URL: '' }),
      lookout(['queue:retry', 'failing', 'a1', '--stat=completed']),
      lookout(['queue:size', '--connection=staging']),
    ]);
    expect(unknownConnection.code).toBe(2);
    expect(unknownConnection.stderr).toContain('--connection: Unknown connection "staging"; configured: default.');
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('set REDIS_URL');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown option --stat\n\nUsage: lookout queue:retry <queue> <id…|all>');
  });
});
