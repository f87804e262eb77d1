import { Queue, Worker, type ConnectionOptions } from 'bullmq';

export interface ScaleShape {
  queues: number;
  totalJobs: number;
  /** Failed jobs in the one big failing queue. */
  failedInOneQueue: number;
  /** Queues whose head is processed so they also hold completed and failed jobs. */
  processedQueues: number;
  processedPerQueue: number;
}

export const FULL_SCALE: ScaleShape = { queues: 200, totalJobs: 1_000_000, failedInOneQueue: 100_000, processedQueues: 40, processedPerQueue: 500 };

const CHUNK = 1000;

async function addMany(queue: Queue, count: number, jobFor: (index: number) => { name: string; data: unknown; opts?: Record<string, unknown> }) {
  for (let start = 0; start < count; start += CHUNK * 4) {
    const batches: Promise<unknown>[] = [];
    for (let offset = start; offset < Math.min(count, start + CHUNK * 4); offset += CHUNK) {
      const size = Math.min(CHUNK, count - offset);
      batches.push(queue.addBulk(Array.from({ length: size }, (_, i) => jobFor(offset + i))));
    }
    await Promise.all(batches);
  }
}

/** Processes about `count` jobs of a queue with a handler, then stops its worker. */
async function processSome(connection: ConnectionOptions, prefix: string, name: string, count: number, fail: (n: number) => boolean) {
  let done = 0;
  await new Promise<void>((resolve) => {
    const worker = new Worker(
      name,
      async () => {
        const n = ++done;
        if (n >= count) setImmediate(() => void worker.close().then(resolve));
        if (fail(n)) throw new Error(`import row ${n} rejected: duplicate key ${n * 7919}`);
        return { ok: n };
      },
      { connection, prefix, concurrency: 100 },
    );
  });
}

/**
 * Fills Redis with plain BullMQ: `queues` queues holding `totalJobs` jobs in mixed states (waiting, delayed,
 * prioritized, completed, failed), one of them with `failedInOneQueue` failed jobs.
 */
export async function generateScaleData(connection: ConnectionOptions, prefix: string, shape: ScaleShape, log = (line: string) => console.log(line)) {
  const started = Date.now();
  const failing = new Queue('bulk-import', { connection, prefix });
  await addMany(failing, shape.failedInOneQueue, (i) => ({ name: 'import-row', data: { row: i, customerId: i % 5000 }, opts: { attempts: 1 } }));
  await processSome(connection, prefix, 'bulk-import', shape.failedInOneQueue, () => true);
  await failing.close();
  log(`  ${shape.failedInOneQueue.toLocaleString('en-US')} failed jobs in bulk-import (${((Date.now() - started) / 1000).toFixed(0)} s)`);

  const others = shape.queues - 1;
  const perQueue = Math.floor((shape.totalJobs - shape.failedInOneQueue) / others);
  for (let index = 0; index < others; index++) {
    const name = `queue-${String(index).padStart(3, '0')}`;
    const queue = new Queue(name, { connection, prefix });
    await addMany(queue, perQueue, (i) => ({
      name: i % 3 === 0 ? 'send-email' : 'sync-account',
      data: { userId: (index * perQueue + i) % 100_000, payload: 'x'.repeat(64) },
      opts: i % 10 === 0 ? { delay: 3_600_000 } : i % 20 === 1 ? { priority: 1 + (i % 5) } : {},
    }));
    await queue.close();
    if (index < shape.processedQueues) await processSome(connection, prefix, name, shape.processedPerQueue, (n) => n % 10 === 0);
    if (index % 50 === 49) log(`  ${index + 1} of ${others} queues filled (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  return { perQueue, seconds: (Date.now() - started) / 1000 };
}
