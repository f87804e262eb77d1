import { randomUUID } from 'node:crypto';
import { LOOKOUT_VERSION } from '../config';
import type { DeliveryAttempt, DeliveryLog } from './delivery-log';
import { NOTIFIERS, type AlertGroup, type NotifierContext } from './notifiers';
import { SIGNATURE_HEADER, signBody } from './signature';
import { webhookTarget, type Webhook } from './webhooks';

export interface DeliveryOptions {
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to maxDelayMs, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

const DEFAULTS: Required<DeliveryOptions> = { timeoutMs: 5000, maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, random: Math.random };

/** "Equal jitter": half the exponential delay is fixed, half random, so many senders do not retry in step. */
export function backoffDelayMs(attempt: number, options: Pick<Required<DeliveryOptions>, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return exponential / 2 + options.random() * (exponential / 2);
}

/** 2xx is delivered; 408, 429 and 5xx (and no answer at all) are worth retrying; other 4xx never will succeed. */
export function isRetryable(status: number | null): boolean {
  return status === null || status === 408 || status === 429 || status >= 500;
}

interface Request {
  webhook: Webhook;
  body: string;
  kind: DeliveryAttempt['kind'];
  group: AlertGroup;
}

/**
 * Sends groups of notifications to webhooks in the background: every webhook and every request is independent,
 * so a slow or failing receiver never delays evaluation or the other webhooks. Every attempt is logged.
 */
export class DeliveryService {
  private readonly options: Required<DeliveryOptions>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly log: DeliveryLog,
    private readonly context: NotifierContext,
    options: DeliveryOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Queues every group for every webhook and returns at once. */
  dispatch(webhooks: readonly Webhook[], groups: readonly AlertGroup[], kind: 'firing' | 'resolved' | 'auto' = 'auto'): void {
    for (const request of this.requests(webhooks, groups, kind)) {
      const task = this.send(request, this.options.maxAttempts).then(() => undefined);
      this.inFlight.add(task);
      void task.finally(() => this.inFlight.delete(task));
    }
  }

  /** Sends now and waits for the outcome of one attempt per request (the "send test notification" action). */
  async sendOnce(webhooks: readonly Webhook[], groups: readonly AlertGroup[], kind: DeliveryAttempt['kind']): Promise<DeliveryAttempt[]> {
    return Promise.all(this.requests(webhooks, groups, kind).map((request) => this.send(request, 1)));
  }

  /** Resolves when nothing is being sent or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Cancels waiting retries (attempts already on the wire finish) and waits for the rest. */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  private requests(webhooks: readonly Webhook[], groups: readonly AlertGroup[], kind: DeliveryAttempt['kind'] | 'auto'): Request[] {
    const requests: Request[] = [];
    for (const webhook of webhooks) {
      for (const group of groups) {
        for (const body of NOTIFIERS[webhook.format].render(group, webhook, this.context)) {
          requests.push({ webhook, body: JSON.stringify(body), group, kind: kind === 'auto' ? group.status : kind });
        }
      }
    }
    return requests;
  }

  private async send(request: Request, maxAttempts: number): Promise<DeliveryAttempt> {
    const deliveryId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request, deliveryId);
      const willRetry = !outcome.ok && isRetryable(outcome.status) && attempt < maxAttempts && !this.stopping.signal.aborted;
      const record: DeliveryAttempt = {
        at: outcome.at,
        deliveryId,
        webhookId: request.webhook.id,
        webhookName: request.webhook.name,
        format: request.webhook.format,
        target: webhookTarget(request.webhook.url),
        attempt,
        status: outcome.status,
        ok: outcome.ok,
        willRetry,
        latencyMs: outcome.latencyMs,
        error: outcome.error,
        kind: request.kind,
        rules: [request.group.rule],
        alertIds: request.group.alerts.map((alert) => alert.id),
      };
      await this.log.record(record);
      if (!willRetry) return record;
      await this.sleep(backoffDelayMs(attempt, this.options));
      // Shutting down: the attempt is logged as retrying, and the next monitor will notify again if still firing.
      if (this.stopping.signal.aborted) return record;
    }
  }

  private async attempt(request: Request, deliveryId: string) {
    const at = Date.now();
    const started = performance.now();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': `Lookout/${LOOKOUT_VERSION}`,
      'x-lookout-delivery': deliveryId,
    };
    if (request.webhook.secret) headers[SIGNATURE_HEADER] = signBody(request.webhook.secret, request.body);
    try {
      const response = await fetch(request.webhook.url, {
        method: 'POST',
        headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // Drain the body so the connection is released; its content does not matter.
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { at, status: response.status, ok, latencyMs: performance.now() - started, error: ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      const message = error instanceof Error ? (error.name === 'TimeoutError' ? `timed out after ${this.options.timeoutMs} ms` : describeFetchError(error)) : String(error);
      return { at, status: null, ok: false, latencyMs: performance.now() - started, error: message };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const signal = this.stopping.signal;
      signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
  }
}

/** undici reports "fetch failed" and hides the useful part (ECONNREFUSED, …) in `cause`. */
function describeFetchError(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
