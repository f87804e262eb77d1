import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { MetricsRecorder, type JobFinishedEvent, type JobMetricsSink } from '../lib/metrics';
import { startRedisServer } from '../lib/redis';
import { defineJob, startWorker } from '../workers';
import type { BenchRow } from './types';

/**
 * No-op jobs through a plain BullMQ Worker and through the Lookout runtime (`lookout work` defaults: heartbeats
 * on, 60 s timeout armed per job, every attempt recorded by a MetricsRecorder into the metrics store), at
 * concurrency 1 and 50, in one run. Each
 * round runs both back to back, in alternating order, so a busy neighbour on the machine hurts both alike; each
 * side reports its median and the note gives the spread of the rounds' own ratios. CPU time per job (this process)
 * is logged as a steadier view.
 */
const ROUNDS = 6;
const JOBS: Record<number, number> = { 1: 8000, 50: 25_000 };
const noop = defineJob({ name: 'noop', queue: 'bench', handle: () => undefined });

/** Counts finished jobs; on the runtime's side it also hands every event to the MetricsRecorder, as `lookout work` does. */
class CountingSink implements JobMetricsSink {
  recorder: MetricsRecorder | null = null;
  count = 0;
  firstAt = 0;
  lastAt = 0;
  private target = 0;
  private done: () => void = () => undefined;
  until(target: number): Promise<void> {
    this.target = target;
    return new Promise((resolve) => (this.done = resolve));
  }
  record(event: JobFinishedEvent): void {
    this.recorder?.record(event);
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

interface Measured {
  rate: number;
  cpuMicrosPerJob: number;
}

async function measure(jobs: number, run: (counter: CountingSink) => Promise<() => Promise<unknown>>): Promise<Measured> {
  const counter = new CountingSink();
  const finished = counter.until(jobs);
  const cpu = process.cpuUsage();
  const close = await run(counter);
  await finished;
  const used = process.cpuUsage(cpu);
  await close();
  return { rate: counter.rate(), cpuMicrosPerJob: (used.user + used.system) / jobs };
}

function plain(url: string, queueName: string, concurrency: number, jobs: number): Promise<Measured> {
  return measure(jobs, async (counter) => {
    const worker = new Worker(queueName, async () => undefined, { connection: { url, maxRetriesPerRequest: null }, concurrency });
    worker.on('completed', () => counter.tick());
    return () => worker.close();
  });
}

function runtime(url: string, queueName: string, concurrency: number, jobs: number): Promise<Measured> {
  return measure(jobs, async (counter) => {
    const recorder = new MetricsRecorder({ url });
    counter.recorder = recorder;
    const worker = await startWorker({ connection: url, queues: [queueName], jobs: [noop], concurrency, metrics: counter });
    return async () => {
      await worker.stop();
      await recorder.close();
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? (sorted[Math.floor(middle)] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export default async function workerThroughput(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-'));
  const server = await startRedisServer({ dir });
  const rows: BenchRow[] = [];
  try {
    for (const concurrency of [1, 50]) {
      const jobs = JOBS[concurrency] ?? 10_000;
      const plainRates: number[] = [];
      const runtimeRates: number[] = [];
      const ratios: number[] = [];
      const plainCpu: number[] = [];
      const runtimeCpu: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Both queues are filled first, so the two measurements of a round sit next to each other in time.
        await fill(server.url, `plain-${concurrency}-${round}`, jobs);
        await fill(server.url, `runtime-${concurrency}-${round}`, jobs);
        const measurePlain = () => plain(server.url, `plain-${concurrency}-${round}`, concurrency, jobs);
        const measureRuntime = () => runtime(server.url, `runtime-${concurrency}-${round}`, concurrency, jobs);
        let plainResult: Measured;
        let runtimeResult: Measured;
        if (round % 2 === 0) {
          plainResult = await measurePlain();
          runtimeResult = await measureRuntime();
        } else {
          runtimeResult = await measureRuntime();
          plainResult = await measurePlain();
        }
        plainRates.push(plainResult.rate);
        runtimeRates.push(runtimeResult.rate);
        ratios.push(runtimeResult.rate / plainResult.rate);
        plainCpu.push(plainResult.cpuMicrosPerJob);
        runtimeCpu.push(runtimeResult.cpuMicrosPerJob);
        console.log(
          `  concurrency ${concurrency}, round ${round + 1}: plain ${Math.round(plainResult.rate)} jobs/s (${plainResult.cpuMicrosPerJob.toFixed(0)} µs CPU/job), ` +
            `lookout ${Math.round(runtimeResult.rate)} jobs/s (${runtimeResult.cpuMicrosPerJob.toFixed(0)} µs CPU/job)`,
        );
      }
      const baseline = median(plainRates);
      const value = median(runtimeRates);
      const ratio = value / baseline;
      const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
      rows.push(
        { suite: 'worker throughput', metric: `plain BullMQ Worker, no-op, concurrency ${concurrency}`, value: baseline, unit: 'jobs/s' },
        {
          suite: 'worker throughput',
          metric: `lookout work, no-op, concurrency ${concurrency}`,
          value,
          unit: 'jobs/s',
          baseline,
          ratio,
          target: '≥ 0.95',
          met: ratio >= 0.95,
          note: `medians of ${ROUNDS} paired rounds (round ratios ${spread}); heartbeats on, every attempt recorded by a MetricsRecorder`,
        },
        {
          suite: 'worker throughput',
          metric: `lookout work, CPU per job (this process), concurrency ${concurrency}`,
          value: median(runtimeCpu),
          unit: 'µs',
          baseline: median(plainCpu),
          ratio: median(runtimeCpu) / median(plainCpu),
          note: 'baseline: plain BullMQ; steadier than jobs/s when other processes share the cores',
        },
      );
    }
    return rows;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
