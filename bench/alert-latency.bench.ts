import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { AlertEngine, AlertRunner, readAlertSettings } from '../lib/alerts';
import { readAllQueueSummaries } from '../lib/queues';
import { createRedis, startRedisServer } from '../lib/redis';
import type { BenchRow } from './types';

const RUNS = 3;

/**
 * Delay from an alert condition being true for its `for` to the webhook arriving at a local receiver, with the
 * production runner at LOOKOUT_MONITOR_INTERVAL_MS (default 5 s) and `for` equal to one interval.
 */
export default async function alertLatency(): Promise<BenchRow[]> {
  const intervalMs = readAlertSettings().intervalMs;
  const forMs = intervalMs;
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-alerts-'));
  const server = await startRedisServer({ dir });
  const redis = createRedis(server.url);
  const arrivals: number[] = [];
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      arrivals.push(Date.now());
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const queue = new Queue('bench', { connection: { url: server.url }, prefix: 'bull' });
  const engine = new AlertEngine({
    redis,
    sampleQueues: (now) => readAllQueueSummaries(redis, ['bull'], now),
    settings: {
      namespace: 'lookout',
      rules: { QueueLengthWarning: { threshold: 10, forMs }, QueueLengthCritical: { enabled: false }, WorkersMissing: { enabled: false } },
      webhooks: [{ id: 'bench', name: 'bench', url, format: 'alertmanager', source: 'env' }],
      externalUrl: 'http://127.0.0.1:3000',
    },
  });
  const runner = new AlertRunner(engine, intervalMs);
  const latencies: number[] = [];
  try {
    await queue.add('seed', {});
    runner.start();
    for (let run = 0; run < RUNS; run++) {
      // Start each run at a different point of the evaluation cycle.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * intervalMs));
      const before = arrivals.length;
      const trueAt = Date.now();
      await queue.addBulk(Array.from({ length: 20 }, (_, i) => ({ name: 'job', data: { i } })));
      while (arrivals.length === before) await new Promise((resolve) => setTimeout(resolve, 20));
      latencies.push((arrivals[before] ?? 0) - (trueAt + forMs));
      console.log(`  run ${run + 1}: webhook ${latencies[run]} ms after the condition had held for ${forMs} ms`);
      await queue.drain();
      await queue.add('seed', {});
      // Wait for the resolve notification before the next run.
      while (arrivals.length < before + 2) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await runner.stop();
    await engine.close();
    await queue.close();
    redis.disconnect();
    receiver.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const max = Math.max(...latencies);
  const mean = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
  return [
    { suite: 'alerts', metric: `condition past for → webhook, mean of ${RUNS}`, value: mean, unit: 'ms', note: `interval ${intervalMs} ms, for ${forMs} ms` },
    { suite: 'alerts', metric: `condition past for → webhook, max of ${RUNS}`, value: max, unit: 'ms', target: '< 10,000 ms', met: max < 10_000 },
  ];
}
