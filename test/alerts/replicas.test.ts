import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../lib/redis';
import { connectionOptions, deletePrefix, testRedisUrl, uniquePrefix, waitFor } from '../helpers/redis';
import { only } from './engine-helpers';
import { alertLines, startReceiver, type Receiver } from './receiver';

/**
 * Two real `lookout alerts:run` processes on one Redis, as two monitor replicas would run: one leads, the other
 * stands by; `kill -9` of the leader hands over to the other within 2 lock periods, with no notification twice.
 */
const LOOKOUT = join(import.meta.dirname, '..', '..', 'bin', 'lookout.mjs');
const INTERVAL_MS = 1500;
/** cli/commands/alerts-run.ts leaderTtlMs: 3 intervals. */
const LOCK_TTL_MS = INTERVAL_MS * 3;

const prefix = uniquePrefix('replicas');
const namespace = `${prefix}-ns`;
const redis = createRedis(testRedisUrl());
const children: { process: ChildProcess; output: string }[] = [];
let receiver: Receiver;
let queue: Queue;

function startMonitor() {
  const child = spawn(process.execPath, [LOOKOUT, 'alerts:run'], {
    env: {
      ...process.env,
      REDIS_URL: testRedisUrl(),
      REDIS_CLUSTER_NODES: '',
      LOOKOUT_CONNECTIONS: '',
      LOOKOUT_PREFIXES: prefix,
      LOOKOUT_NAMESPACE: namespace,
      LOOKOUT_MONITOR_INTERVAL_MS: String(INTERVAL_MS),
      LOOKOUT_ALERT_WEBHOOKS: JSON.stringify([{ url: receiver.url, name: 'replicas' }]),
      LOOKOUT_ALERT_RULES: JSON.stringify(only({ QueueLengthWarning: { threshold: 10, forMs: 0 } }, 'QueueLengthWarning')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { process: child, output: '' };
  child.stdout?.on('data', (chunk: Buffer) => (entry.output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (entry.output += chunk.toString()));
  children.push(entry);
  return entry;
}

const leads = (entry: { output: string }) => entry.output.includes('this process now evaluates and sends alerts');
const standsBy = (entry: { output: string }) => entry.output.includes('another process evaluates alerts; standing by');
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

beforeAll(async () => {
  receiver = await startReceiver();
  queue = new Queue('payouts', { connection: connectionOptions(), prefix });
  await queue.add('warm-up', {});
});

afterAll(async () => {
  for (const { process: child } of children) {
    child.kill('SIGTERM');
    await exited(child);
  }
  await queue.close();
  await receiver.close();
  await deletePrefix(redis, prefix);
  await deletePrefix(redis, namespace);
  redis.disconnect();
});

describe('two alerts:run processes on one Redis', () => {
  it('send one firing notification; after kill -9 of the leader the other sends the resolve, once', async () => {
    const monitors = [startMonitor(), startMonitor()];
    await waitFor(async () => monitors.some(leads) && monitors.some(standsBy), 30_000, 'one monitor to lead and the other to stand by');
    const leader = monitors.find(leads);
    const standby = monitors.find((monitor) => monitor !== leader);
    if (!leader || !standby) throw new Error('expected a leader and a standby');

    await queue.addBulk(Array.from({ length: 30 }, (_, n) => ({ name: 'payout', data: { n } })));
    await waitFor(async () => receiver.requests.length > 0, 10_000, 'the firing notification');
    // Both keep evaluating for two more intervals: neither sends the firing notification again.
    await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL_MS));
    expect(alertLines(receiver.requests)).toEqual(['firing QueueLengthWarning payouts']);

    await queue.drain(true);
    const killedAt = Date.now();
    leader.process.kill('SIGKILL');
    await exited(leader.process);
    await waitFor(async () => receiver.requests.length > 1, 2 * LOCK_TTL_MS, 'the resolve from the other monitor within 2 lock periods');
    console.log(`[replicas] kill -9 of the leader → resolve from the other monitor: ${Date.now() - killedAt} ms (lock TTL ${LOCK_TTL_MS} ms, interval ${INTERVAL_MS} ms)`);
    expect(leads(standby)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL_MS));
    expect(alertLines(receiver.requests)).toEqual(['firing QueueLengthWarning payouts', 'resolved QueueLengthWarning payouts']);
  });
});
