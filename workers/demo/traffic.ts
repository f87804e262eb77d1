import type { RedisConnection } from '../connection';
import type { PendingJob } from '../define-job';
import { Dispatcher } from '../dispatch/dispatcher';
import { BROKEN_WEBHOOK_CUSTOMER, deliverWebhook, generateReport, notifyImport, resizeImage, sendEmail, syncPartner } from './jobs';

/**
 * Demo traffic through the runtime's dispatch, so every page has live data: steady producers, delayed and
 * prioritized jobs, a chain and a batch now and then, and a paused queue with a backlog.
 */
export interface DemoTraffic {
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const USERS = [101, 202, 303, 404, 505];

/** Webhooks go round-robin to eight customers, one of them the broken one. */
const WEBHOOK_CUSTOMERS = [101, 202, 303, 505, 606, 707, 808, BROKEN_WEBHOOK_CUSTOMER];
let webhookCount = 0;
const nextWebhookCustomer = () => WEBHOOK_CUSTOMERS[webhookCount++ % WEBHOOK_CUSTOMERS.length] as number;

/** What each producer adds, and how many per second. */
const PRODUCERS: { perSecond: number; next: () => PendingJob }[] = [
  { perSecond: 6, next: () => sendEmail.with({ template: pick(['welcome', 'receipt', 'password-reset']), to: `user${pick(USERS)}@example.com` }) },
  {
    perSecond: 2,
    next: () =>
      resizeImage.with({ url: `https://cdn.example.com/${Math.floor(Math.random() * 1e6)}.jpg`, sizes: [64, 256, 1024] }, { priority: pick([0, 0, 1, 5]) }),
  },
  { perSecond: 0.3, next: () => generateReport.with({ account: pick(USERS), period: '2026-11' }) },
  { perSecond: 4, next: () => syncPartner.with({ accountId: Math.floor(Math.random() * 500) }) },
  { perSecond: 3, next: () => deliverWebhook.with({ customer: nextWebhookCustomer(), event: pick(['order.created', 'order.paid', 'invoice.sent']) }) },
];

const BATCH_EVERY_MS = 30_000;

export async function startDemoTraffic(connection: RedisConnection, prefix = 'bull'): Promise<DemoTraffic> {
  const dispatcher = new Dispatcher({ connection, prefix });

  // A paused queue with a backlog and a delayed job, so those states have something to show.
  const newsletters = dispatcher.queue('newsletters');
  await newsletters.pause();
  if ((await newsletters.getWaitingCount()) === 0) {
    await newsletters.addBulk(USERS.map((user) => ({ name: 'weekly-digest', data: { userId: user } })));
    await newsletters.add('monthly-digest', { segment: 'all' }, { delay: 24 * 3600_000 });
  }

  let running = true;
  let stopNow = () => undefined as void;
  const stopped = new Promise<void>((resolve) => (stopNow = resolve));
  // Sleeps end early on stop(), so the demo exits at once.
  const wait = (ms: number) => Promise.race([sleep(ms), stopped]);
  const add = (job: PendingJob) => dispatcher.dispatch(job).catch(() => undefined);
  const producers = PRODUCERS.map(async ({ perSecond, next }) => {
    while (running) {
      const job = next();
      const delayed = Math.random() < 0.05 ? { delay: 30_000 + Math.floor(Math.random() * 60_000) } : {};
      await add({ ...job, options: { ...job.options, ...delayed } });
      await wait((1000 / perSecond) * (0.5 + Math.random()));
    }
  });

  const occasional = (async () => {
    while (running) {
      const gallery = `gallery-${Math.floor(Math.random() * 1000)}`;
      const images = Array.from({ length: 12 }, (_, i) => resizeImage.with({ url: `https://cdn.example.com/${gallery}/${i}.jpg`, sizes: [256, 1024] }));
      await dispatcher
        .dispatchBatch({
          jobs: images,
          name: `import ${gallery}`,
          allowFailures: true,
          queue: 'emails',
          then: notifyImport.with({ gallery, outcome: 'all images resized' }),
          catch: notifyImport.with({ gallery, outcome: 'some images failed' }),
          finally: null,
        })
        .catch(() => undefined);
      const account = pick(USERS);
      await dispatcher
        .dispatchChain([generateReport.with({ account, period: '2026-10' }), sendEmail.with({ template: 'report-ready', to: `user${account}@example.com` })])
        .catch(() => undefined);
      await wait(BATCH_EVERY_MS);
    }
  })();

  return {
    async stop() {
      running = false;
      stopNow();
      await Promise.allSettled([...producers, occasional]);
      await dispatcher.close();
    },
  };
}
