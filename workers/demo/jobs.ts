import { defineJob } from '../define-job';

/**
 * The demo's jobs: realistic run times, a report that reports progress, a partner API that fails ~8 % of calls (retried)
 * and customer webhooks of which one in eight fails for good.
 */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export const sendEmail = defineJob({
  name: 'send-email',
  queue: 'emails',
  tries: 3,
  backoff: [2, 10],
  handle: async (data: { template: string; to: string }, ctx) => {
    await sleep(50 + Math.random() * 200, ctx.signal);
    await ctx.log(`sent "${data.template}" to ${data.to}`);
    return { messageId: `msg-${ctx.job.id}` };
  },
});

export const resizeImage = defineJob({
  name: 'resize-image',
  queue: 'images',
  timeout: 10,
  handle: async (data: { url: string; sizes: number[] }, ctx) => {
    await sleep(200 + Math.random() * 800, ctx.signal);
    return { url: data.url, variants: data.sizes.map((size) => `${data.url}?w=${size}`) };
  },
});

export const generateReport = defineJob({
  name: 'generate-report',
  queue: 'reports',
  timeout: 30,
  handle: async (data: { account: number; period: string }, ctx) => {
    for (let step = 1; step <= 10; step++) {
      await sleep(300, ctx.signal);
      await ctx.progress(step * 10);
    }
    return { account: data.account, period: data.period, rows: Math.floor(Math.random() * 10_000) };
  },
});

export const syncPartner = defineJob({
  name: 'sync-account',
  queue: 'partner-sync',
  tries: 3,
  backoff: [1, 5],
  // The partner allows 20 calls a second, across every worker process.
  rateLimit: { key: 'partner-api', max: 20, perMs: 1000 },
  unique: { key: (data: { accountId: number }) => String(data.accountId), ttl: 30 },
  handle: async (data: { accountId: number }, ctx) => {
    await sleep(100 + Math.random() * 300, ctx.signal);
    if (Math.random() < 0.08) throw new Error(`Partner API answered 503 for account ${data.accountId}`);
    if (Math.random() < 0.02) throw new TypeError("Cannot read properties of undefined (reading 'items')");
    return { synced: true };
  },
  failed: (data, error, ctx) => {
    console.error(`[demo] account ${data.accountId} could not be synced after ${ctx.attempt} attempts: ${error.message}`);
  },
});

/** The one customer whose endpoint is down: every webhook to it fails. */
export const BROKEN_WEBHOOK_CUSTOMER = 404;

/**
 * Outgoing customer webhooks: one try each (a retry is the customer's business). The demo sends them round-robin to
 * eight customers, one of whose endpoints answers 500, so one in eight fails for good: the failure rate sits at
 * 12.5 %, steadily above the 5 % FailureRateHigh threshold, and the Alerts page shows it.
 */
export const deliverWebhook = defineJob({
  name: 'deliver-webhook',
  queue: 'webhooks',
  tries: 1,
  handle: async (data: { customer: number; event: string }, ctx) => {
    await sleep(30 + Math.random() * 120, ctx.signal);
    if (data.customer === BROKEN_WEBHOOK_CUSTOMER) throw new Error(`Customer endpoint answered 500 for ${data.event} (customer ${data.customer})`);
    return { delivered: true };
  },
});

/** A batch callback: tells the gallery owner their import is done. */
export const notifyImport = defineJob({
  name: 'notify-import',
  queue: 'emails',
  handle: async (data: { gallery: string; outcome: string }, ctx) => {
    await ctx.log(`gallery ${data.gallery}: ${data.outcome} (batch ${ctx.batchId ?? '?'})`);
  },
});
