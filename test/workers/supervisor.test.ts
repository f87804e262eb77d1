import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { readSupervisorStates, supervisorPauseKey } from '@/lib/workers';
import { Supervisor, supervisorConfigSchema } from '@/workers';
import { testRedis, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';
import { deleteTestKeys, ROOT } from './helpers';

const prefix = uniquePrefix('sup');
const redis = testRedis();
const queue = new Queue('bulk', { connection: { url: testRedisUrl() }, prefix });
const launched: string[][] = [];
const supervisors: Supervisor[] = [];

function supervisor(overrides: Record<string, unknown> = {}) {
  const created = new Supervisor({
    config: supervisorConfigSchema.parse({
      name: 'bulk',
      queues: ['bulk'],
      processes: { min: 1, max: 3 },
      concurrency: 2,
      balance: { backlogPerProcess: 10, cooldownMs: 0 },
      ...overrides,
    }),
    connection: testRedisUrl(),
    prefix,
    jobsPath: 'jobs.ts',
    heartbeatIntervalMs: 1000,
    // Ticks are driven by the test.
    tickMs: 60_000,
    restartBackoff: { initialMs: 100, maxMs: 1000 },
    command: (args) => {
      launched.push(args);
      return { file: process.execPath, args: [resolve(ROOT, 'test/workers/fixtures/idle-process.mjs')] };
    },
    log: () => undefined,
  });
  supervisors.push(created);
  return created;
}

afterAll(async () => {
  await Promise.all(supervisors.map((created) => created.stop()));
  await queue.close();
  await deleteTestKeys(redis, prefix);
  redis.disconnect();
});

const stateOf = async () => (await readSupervisorStates(redis, [prefix])).find((state) => state.name === 'bulk');

describe('Supervisor', () => {
  it('starts min processes with the worker flags, scales on backlog one step per tick, and back down', async () => {
    const bulk = supervisor();
    await bulk.start();
    expect(bulk.processes).toHaveLength(1);
    expect(launched[0]).toEqual(['--queue=bulk', '--concurrency=2', '--jobs=jobs.ts', `--prefix=${prefix}`, '--supervisor=bulk']);
    expect(await stateOf()).toMatchObject({ processes: { current: 1, min: 1, max: 3 }, state: 'running', backlog: 0 });

    await queue.addBulk(Array.from({ length: 25 }, (_, i) => ({ name: 'row', data: { i } })));
    await bulk.tick();
    expect(bulk.processes).toHaveLength(2);
    await bulk.tick();
    await bulk.tick();
    expect(bulk.processes).toHaveLength(3);
    expect(await stateOf()).toMatchObject({ processes: { current: 3, target: 3 }, backlog: 25 });

    await queue.drain();
    await bulk.tick();
    await bulk.tick();
    await waitFor(async () => {
      await bulk.tick();
      return bulk.processes.length === 1;
    }, 10_000, 'scaling down to min');
    await bulk.stop();
    expect(await stateOf()).toBeUndefined();
  });

  it('restarts a crashed process after a backoff, and counts it', async () => {
    const bulk = supervisor();
    await bulk.start();
    const [first] = bulk.processes;
    first?.kill('SIGKILL');
    await waitFor(async () => {
      await bulk.tick();
      return bulk.processes.length === 1 && bulk.processes[0] !== first;
    }, 10_000, 'the restart');
    expect((await stateOf())?.restarts).toBe(1);
    await bulk.stop();
  });

  it('pauses and continues, and publishes it', async () => {
    const bulk = supervisor();
    await bulk.start();
    await bulk.pause();
    expect(await stateOf()).toMatchObject({ state: 'paused' });
    expect(await redis.exists(supervisorPauseKey(prefix, 'bulk'))).toBe(1);
    await bulk.continue();
    expect(await stateOf()).toMatchObject({ state: 'running' });
    await bulk.stop();
  });
});
