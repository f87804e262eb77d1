import { createInterface } from 'node:readline';
import { Worker, type Job } from 'bullmq';
import { MetricsRecorder, type JobFinishedEvent } from '../../lib/metrics';

/**
 * One arm of the metrics overhead bench, in its own process: a plain BullMQ Worker on no-op jobs that, with
 * `record`, hands every completed job to a MetricsRecorder the way the runtime will. It prints `ready`, starts on
 * a line from stdin, and prints how many jobs completed between `warmupMs` and `warmupMs + measureMs`.
 *
 * usage: noop-worker.ts <redis url> <prefix> <queue> <record: 0|1> <warmupMs> <measureMs>
 */
const [url = '', prefix = '', queueName = '', record = '0', warmupArg = '1000', measureArg = '3000'] = process.argv.slice(2);
const warmupMs = Number(warmupArg);
const measureMs = Number(measureArg);

function eventOf(job: Job): JobFinishedEvent {
  return {
    prefix,
    queue: job.queueName,
    jobName: job.name,
    jobId: job.id ?? '',
    status: 'completed',
    final: true,
    enqueuedAt: job.timestamp + (job.delay ?? 0),
    startedAt: job.processedOn ?? Date.now(),
    finishedAt: job.finishedOn ?? Date.now(),
  };
}

const connection = { url, maxRetriesPerRequest: null };
const recorder = record === '1' ? new MetricsRecorder({ url }) : null;
const worker = new Worker(queueName, async () => undefined, { connection, prefix, concurrency: 50, autorun: false });
let completed = 0;
worker.on('completed', (job) => {
  recorder?.record(eventOf(job));
  completed += 1;
});
await worker.waitUntilReady();
console.log('ready');

await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
void worker.run();
await new Promise((resolve) => setTimeout(resolve, warmupMs));
const before = completed;
await new Promise((resolve) => setTimeout(resolve, measureMs));
console.log(JSON.stringify({ jobsPerSecond: (completed - before) / (measureMs / 1000) }));
await worker.close(true);
await recorder?.close();
process.exit(0);
