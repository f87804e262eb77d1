import { Queue, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { AlertEngine } from '../../lib/alerts';
import { createRedis } from '../../lib/redis';
import { connectionOptions, deletePrefix, testRedisUrl, uniquePrefix } from '../helpers/redis';
import { alertTestFile, only, testEngine } from './engine-helpers';
import { alertLines } from './receiver';

/** Each rule against real queue state in a real Redis, with a real HTTP receiver; ticks use an injected clock. */
const redis = createRedis(testRedisUrl());
const connection = connectionOptions();
const file = alertTestFile(redis);
const cleanup = file.cleanup;

function setup(label: string) {
  const prefix = uniquePrefix(`al-${label}`);
  const namespace = `${prefix}-ns`;
  const queue = new Queue(label, { connection, prefix });
  cleanup.push(() => queue.close(), () => deletePrefix(redis, prefix), () => deletePrefix(redis, namespace));
  return { prefix, namespace, queue };
}

async function tickAndDeliver(engine: AlertEngine, now: number) {
  const result = await engine.tick(now);
  await engine.deliveries.idle();
  return result;
}

const fromThisTest = (prefix: string) => file.receiver.requests.filter((request) => JSON.stringify(request.json).includes(prefix));

describe('alert rules on real queues', () => {
  it('QueueLengthWarning fires once after its `for`, Critical past 5,000, and both resolve on drain', async () => {
    const { prefix, namespace, queue } = setup('backlog');
    const engine = testEngine(redis, {
      namespace,
      prefix,
      url: file.receiver.url,
      rules: only({ QueueLengthWarning: { forMs: 1000 }, QueueLengthCritical: { forMs: 1000 } }, 'QueueLengthWarning', 'QueueLengthCritical'),
    });
    cleanup.push(() => engine.close());
    await queue.addBulk(Array.from({ length: 1200 }, (_, i) => ({ name: 'send', data: { i } })));
    const t0 = Date.now();

    const first = await tickAndDeliver(engine, t0);
    expect(first.active.map((alert) => `${alert.rule}:${alert.state}`)).toEqual(['QueueLengthWarning:pending']);
    await tickAndDeliver(engine, t0 + 500);
    expect(fromThisTest(prefix)).toHaveLength(0);

    await tickAndDeliver(engine, t0 + 1000);
    await tickAndDeliver(engine, t0 + 1500);
    const [fired, ...others] = fromThisTest(prefix);
    expect(others).toHaveLength(0);
    expect(fired?.json).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'test-receiver',
      groupKey: '{}:{alertname="QueueLengthWarning"}',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'QueueLengthWarning', queue: 'backlog', prefix, severity: 'warning' },
          annotations: { summary: 'QueueLengthWarning on backlog: 1,200 jobs waiting (threshold 1,000 jobs)' },
          startsAt: new Date(t0 + 1000).toISOString(),
          endsAt: '0001-01-01T00:00:00Z',
          fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        },
      ],
    });

    await queue.addBulk(Array.from({ length: 4000 }, (_, i) => ({ name: 'send', data: { i } })));
    await tickAndDeliver(engine, t0 + 2000);
    await tickAndDeliver(engine, t0 + 3000);
    expect(alertLines(fromThisTest(prefix))).toEqual([
      'firing QueueLengthWarning backlog',
      'firing QueueLengthCritical backlog',
    ]);

    await queue.drain();
    const drained = await tickAndDeliver(engine, t0 + 4000);
    expect(drained.active).toEqual([]);
    const resolved = fromThisTest(prefix).slice(2);
    expect(resolved.map((r) => r.json.status)).toEqual(['resolved', 'resolved']);
    expect(alertLines(resolved).sort()).toEqual(['resolved QueueLengthCritical backlog', 'resolved QueueLengthWarning backlog']);
    expect(resolved.flatMap((r) => (r.json.alerts as { labels: { alertname: string }; endsAt: string }[]).map((a) => `${a.labels.alertname} ${a.endsAt}`)).sort()).toEqual([
      `QueueLengthCritical ${new Date(t0 + 4000).toISOString()}`,
      `QueueLengthWarning ${new Date(t0 + 4000).toISOString()}`,
    ]);
  });

  it('OldestJobTooOld fires when a job has waited longer than 5 minutes', async () => {
    const { prefix, namespace, queue } = setup('stale');
    const engine = testEngine(redis, { namespace, prefix, url: file.receiver.url, rules: only({}, 'OldestJobTooOld') });
    cleanup.push(() => engine.close());
    await queue.add('old', {}, { timestamp: Date.now() - 6 * 60_000 });
    const result = await tickAndDeliver(engine, Date.now());
    expect(result.active).toMatchObject([{ rule: 'OldestJobTooOld', state: 'firing', threshold: 300_000 }]);
    expect(result.active[0]?.value).toBeGreaterThan(360_000);
    expect(alertLines(fromThisTest(prefix))).toEqual(['firing OldestJobTooOld stale']);
  });

  it('FailureRateHigh fires when 10 of 100 jobs fail', async () => {
    const { prefix, namespace, queue } = setup('flaky');
    const engine = testEngine(redis, { namespace, prefix, url: file.receiver.url, rules: only({}, 'FailureRateHigh') });
    cleanup.push(() => engine.close());
    await queue.addBulk(Array.from({ length: 100 }, (_, i) => ({ name: 'sync', data: { fail: i % 10 === 0 } })));
    const worker = new Worker(
      'flaky',
      async (job) => {
        if (job.data.fail) throw new Error('partner API answered 503');
      },
      { connection, prefix, concurrency: 20 },
    );
    let finished = 0;
    const done = new Promise<void>((resolve) => {
      const count = () => ++finished === 100 && resolve();
      worker.on('completed', count);
      worker.on('failed', count);
    });
    await done;
    await worker.close();
    const result = await tickAndDeliver(engine, Date.now());
    expect(result.active).toMatchObject([{ rule: 'FailureRateHigh', state: 'firing', value: 0.1, threshold: 0.05 }]);
    expect(fromThisTest(prefix)[0]?.json).toMatchObject({ status: 'firing', alerts: [{ labels: { alertname: 'FailureRateHigh', queue: 'flaky' } }] });
  });

  it('WorkersMissing fires while jobs wait with no worker, and resolves when one connects', async () => {
    const { prefix, namespace, queue } = setup('orphan');
    const engine = testEngine(redis, { namespace, prefix, url: file.receiver.url, rules: only({ WorkersMissing: { forMs: 1000 } }, 'WorkersMissing') });
    cleanup.push(() => engine.close());
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'job', data: { n } })));
    const t0 = Date.now();
    expect((await tickAndDeliver(engine, t0)).active).toMatchObject([{ rule: 'WorkersMissing', state: 'pending', value: 3 }]);
    expect((await tickAndDeliver(engine, t0 + 1000)).active).toMatchObject([{ rule: 'WorkersMissing', state: 'firing', severity: 'critical' }]);
    // A worker that takes no jobs by itself: it is connected, and the backlog stays.
    const worker = new Worker('orphan', null, { connection, prefix });
    cleanup.push(() => worker.close());
    await worker.waitUntilReady();
    expect((await tickAndDeliver(engine, t0 + 2000)).active).toEqual([]);
    expect(alertLines(fromThisTest(prefix))).toEqual(['firing WorkersMissing orphan', 'resolved WorkersMissing orphan']);
  });
});
