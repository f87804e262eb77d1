import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { AlertEngine } from '../../lib/alerts';
import * as queuesRoute from '../../app/api/queues/route';
import { readAllQueueSummaries } from '../../lib/queues';
import { readWorkerHeartbeats, RUNTIME_WORKER_NAME_PREFIX } from '../../lib/workers';
import { callRoute } from '../api/call-route';
import { connectionOptions, testRedis, testRedisUrl, waitFor } from '../helpers/redis';
import { deleteTestKeys, FIXTURE_JOBS, spawnLookout } from '../workers/helpers';
import { alertTestFile, only, testEngine } from './engine-helpers';
import { alertLines } from './receiver';

/** WorkersMissing against a real `lookout work` process that hangs (SIGSTOP) and comes back (SIGCONT). */
const redis = testRedis();
const file = alertTestFile(redis);

async function tickAndDeliver(engine: AlertEngine) {
  const result = await engine.tick(Date.now());
  await engine.deliveries.idle();
  return result;
}

describe('WorkersMissing and a hung lookout work process', () => {
  it('fires while the only worker is frozen with its connection still open, and resolves when it beats again', async () => {
    const prefix = `al-hung-${process.pid}-${Date.now()}`;
    const queue = new Queue('frozen', { connection: connectionOptions(), prefix });
    const worker = spawnLookout(['work', `--jobs=${FIXTURE_JOBS}`, `--prefix=${prefix}`, '--queue=frozen'], { LOOKOUT_HEARTBEAT_INTERVAL_MS: '200' });
    const engine = testEngine(redis, { namespace: `${prefix}-ns`, prefix, url: file.receiver.url, rules: only({ WorkersMissing: { forMs: 0 } }, 'WorkersMissing') });
    file.cleanup.push(
      () => deleteTestKeys(redis, prefix),
      () => queue.close(),
      async () => {
        if (worker.child.exitCode === null) {
          worker.child.kill('SIGCONT');
          worker.child.kill('SIGTERM');
        }
        await worker.exited;
      },
      () => engine.close(),
    );
    const beat = await waitFor(async () => (await readWorkerHeartbeats(redis, [prefix])).find((heartbeat) => heartbeat.pid === worker.child.pid), 20_000, 'its heartbeat');
    const workersOf = async () => (await readAllQueueSummaries(redis, [prefix])).find((summary) => summary.name === 'frozen')?.workers;
    await waitFor(async () => ((await workersOf()) === 1 ? true : null), 10_000, 'the worker to count');

    worker.child.kill('SIGSTOP');
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'sleepy', data: { key: `${prefix}:frozen-${n}`, ms: 0 } })));
    // Its heartbeat goes stale (3 missed beats), so it no longer counts, although its connections stay open.
    await waitFor(async () => ((await workersOf()) === 0 ? true : null), 10_000, 'the heartbeat to go stale');
    expect(String(await redis.client('LIST'))).toContain(`:w:${RUNTIME_WORKER_NAME_PREFIX}${beat.id}`);
    // The Overview says the same as the alert.
    process.env.REDIS_URL = testRedisUrl();
    process.env.LOOKOUT_PREFIXES = prefix;
    const overview = await callRoute(queuesRoute.GET, '/api/queues', {});
    expect((overview.body.queues as { name: string; workers: number }[]).find((queue) => queue.name === 'frozen')?.workers).toBe(0);
    expect((await tickAndDeliver(engine)).active).toMatchObject([{ rule: 'WorkersMissing', queue: 'frozen', state: 'firing', value: 3 }]);

    worker.child.kill('SIGCONT');
    await waitFor(async () => ((await queue.getCompletedCount()) === 3 ? true : null), 20_000, 'the thawed worker to run the jobs');
    expect((await tickAndDeliver(engine)).active).toEqual([]);
    const sent = file.receiver.requests.filter((request) => JSON.stringify(request.json).includes(prefix));
    expect(alertLines(sent)).toEqual(['firing WorkersMissing frozen', 'resolved WorkersMissing frozen']);
  });
});
