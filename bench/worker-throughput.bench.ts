import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { JobFinishedEvent, JobMetricsSink } from '../lib/metrics';
import { startRedisServer } from '../lib/redis';
import { defineJob, startWorker } from '../workers';
import type { BenchRow } from './types';

/**
 * No-op jobs through a plain BullMQ Worker and through the Lookout runtime (`lookout work` defaults: heartbeats
 * on, 60 s timeout armed per job, a metrics sink called per attempt), at concurrency 1 and 50, in one run. Rounds
 * alternate between the two so a busy neighbour on the machine hurts both alike; each side keeps its median.
 */
const ROUNDS = 3;
const JOBS: Record<number, number> = { 1: 8000, 50: 25_000 };
const noop = defineJob({ name: 'noop', queue: 'bench', handle: () => undefined });

/** Counts events: stands in for lib/metrics' sink, which does not exist yet. */
class CountingSink implements JobMetricsSink {
  count = 0;
  firstAt = 0;
  lastAt = 0;
  private target = 0;
  private done: () => void = () => undefined;
  until(target: number): Promise<void> {
    this.target = target;
    return new Promise((resolve) => (this.done = resolve));
  }
  record(_event: JobFinishedEvent): void {
    this.tick();
  }
  tick(): void {
    const now = performance.now();
    if (this.count === 0) this.firstAt = now;
    this.lastAt = now;
    if (++this.count === this.target) this.done();
  }
  async close(): Promise<void> {}
  /** Jobs per second between the first and the last completion: connection set-up is left out for both sides. */
  rate(): number {
    return (this.count - 1) / ((this.lastAt - this.firstAt) / 1000);
  }
}

async function fill(url: string, queueName: string, count: number): Promise<void> {
  const queue = new Queue(queueName, { connection: { url } });
  for (let start = 0; start < count; start += 5000) {
    await queue.addBulk(Array.from({ length: Math.min(5000, count - start) }, () => ({ name: 'noop', data: {} })));
  }
  await queue.close();
}

async function plain(url: string, queueName: string, concurrency: number, jobs: number): Promise<number> {
  const counter = new CountingSink();
  const finished = counter.until(jobs);
  const worker = new Worker(queueName, async () => undefined, { connection: { url, maxRetriesPerRequest: null }, concurrency });
  worker.on('completed', () => counter.tick());
  await finished;
  await worker.close();
  return counter.rate();
}

async function runtime(url: string, queueName: string, concurrency: number, jobs: number): Promise<number> {
  const counter = new CountingSink();
  const finished = counter.until(jobs);
  const worker = await startWorker({ connection: url, queues: [queueName], jobs: [noop], concurrency, metrics: counter });
  await finished;
  await worker.stop();
  return counter.rate();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export default async function workerThroughput(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-'));
  const server = await startRedisServer({ dir });
  const rows: BenchRow[] = [];
  try {
    for (const concurrency of [1, 50]) {
      const jobs = JOBS[concurrency] ?? 10_000;
      const plainRates: number[] = [];
      const runtimeRates: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await fill(server.url, `plain-${concurrency}-${round}`, jobs);
        plainRates.push(await plain(server.url, `plain-${concurrency}-${round}`, concurrency, jobs));
        // The runtime takes jobs by name, so its queue holds `noop` jobs too.
        await fill(server.url, `runtime-${concurrency}-${round}`, jobs);
        runtimeRates.push(await runtime(server.url, `runtime-${concurrency}-${round}`, concurrency, jobs));
        console.log(`  concurrency ${concurrency}, round ${round + 1}: plain ${Math.round(plainRates[round] ?? 0)} jobs/s, lookout ${Math.round(runtimeRates[round] ?? 0)} jobs/s`);
      }
      const baseline = median(plainRates);
      const value = median(runtimeRates);
      rows.push(
        { suite: 'worker throughput', metric: `plain BullMQ Worker, no-op, concurrency ${concurrency}`, value: baseline, unit: 'jobs/s' },
        {
          suite: 'worker throughput',
          metric: `lookout work, no-op, concurrency ${concurrency}`,
          value,
          unit: 'jobs/s',
          baseline,
          ratio: value / baseline,
          target: '≥ 0.95',
          met: value / baseline >= 0.95,
          note: 'heartbeats on; metrics: a no-op counting sink (lib/metrics has no store yet)',
        },
      );
    }
    return rows;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
