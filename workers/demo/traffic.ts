import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';

/**
 * Demo traffic on plain BullMQ so every page has live data: steady producers, workers with
 * realistic run times, a flaky queue that fails about 8 % of the time, delayed and prioritized jobs,
 * a report job that reports progress, and a paused queue with a backlog.
 */
export interface DemoTraffic {
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

const USERS = [101, 202, 303, 404, 505];

type Processor = (job: Job) => Promise<unknown>;

const PROCESSORS: Record<string, Processor> = {
  emails: async (job) => {
    await sleep(50 + Math.random() * 200);
    await job.log(`sent to ${String(job.data.to)}`);
    return { messageId: `msg-${job.id}` };
  },
  images: async (job) => {
    await sleep(200 + Math.random() * 800);
    return { width: 640, height: 480, source: job.data.url };
  },
  reports: async (job) => {
    for (let step = 1; step <= 10; step++) {
      await sleep(300);
      await job.updateProgress(step * 10);
    }
    return { rows: Math.floor(Math.random() * 10_000) };
  },
  'partner-sync': async (job) => {
    await sleep(100 + Math.random() * 300);
    if (Math.random() < 0.08) {
      throw new Error(`Partner API answered 503 for account ${String(job.data.accountId)}`);
    }
    if (Math.random() < 0.02) throw new TypeError("Cannot read properties of undefined (reading 'items')");
    return { synced: true };
  },
};

const PRODUCERS: Record<string, () => { name: string; data: Record<string, unknown>; opts?: Record<string, unknown> }> = {
  emails: () => ({ name: pick(['welcome', 'receipt', 'password-reset']), data: { to: `user${pick(USERS)}@example.com`, userId: pick(USERS) } }),
  images: () => ({ name: 'resize', data: { url: `https://cdn.example.com/${Math.floor(Math.random() * 1e6)}.jpg`, sizes: [64, 256, 1024] }, opts: { priority: pick([0, 0, 1, 5]) } }),
  reports: () => ({ name: 'generate-report', data: { account: pick(USERS), period: '2026-11' } }),
  'partner-sync': () => ({ name: 'sync-account', data: { accountId: pick(USERS) }, opts: { attempts: 3, backoff: { type: 'exponential', delay: 1000 } } }),
};

const RATE_PER_SECOND: Record<string, number> = { emails: 6, images: 2, reports: 0.3, 'partner-sync': 4 };
const CONCURRENCY: Record<string, number> = { emails: 5, images: 3, reports: 2, 'partner-sync': 4 };

export async function startDemoTraffic(connection: ConnectionOptions, prefix = 'bull'): Promise<DemoTraffic> {
  const queues = Object.keys(PRODUCERS).map((name) => new Queue(name, { connection, prefix }));
  const workers = Object.entries(PROCESSORS).map(
    ([name, processor]) =>
      new Worker(name, processor, {
        connection,
        prefix,
        concurrency: CONCURRENCY[name] ?? 1,
        name: `demo-${name}`,
        removeOnComplete: { count: 2000 },
        removeOnFail: { count: 5000 },
      }),
  );
  for (const worker of workers) worker.on('error', (error) => console.error(`[demo] worker error: ${error.message}`));

  // A paused queue with a backlog and a delayed job, so those states have something to show.
  const newsletters = new Queue('newsletters', { connection, prefix });
  queues.push(newsletters);
  await newsletters.pause();
  if ((await newsletters.getWaitingCount()) === 0) {
    await newsletters.addBulk(USERS.map((user) => ({ name: 'weekly-digest', data: { userId: user } })));
    await newsletters.add('monthly-digest', { segment: 'all' }, { delay: 24 * 3600_000 });
  }

  let running = true;
  const producers = queues
    .filter((queue) => PRODUCERS[queue.name])
    .map(async (queue) => {
      const produce = PRODUCERS[queue.name] as () => { name: string; data: Record<string, unknown>; opts?: Record<string, unknown> };
      const intervalMs = 1000 / (RATE_PER_SECOND[queue.name] ?? 1);
      while (running) {
        const job = produce();
        const delayed = Math.random() < 0.05 ? { delay: 30_000 + Math.random() * 60_000 } : {};
        await queue.add(job.name, job.data, { ...job.opts, ...delayed }).catch(() => undefined);
        await sleep(intervalMs * (0.5 + Math.random()));
      }
    });

  return {
    async stop() {
      running = false;
      await Promise.allSettled(producers);
      await Promise.allSettled(workers.map((worker) => worker.close()));
      await Promise.allSettled(queues.map((queue) => queue.close()));
    },
  };
}
