import { createRedis, type RedisClient } from '../redis';
import { MetricsBatch } from './batch';
import type { JobFinishedEvent, JobMetricsSink } from './events';
import { JobNameLimiter } from './job-name-limit';
import { buildTiers, type Tiers } from './tiers';
import { MetricsWriteError, mergePlans, planSize, planWrites, writePlan, type PlannedWrites } from './write';

export interface MetricsRecorderOptions {
  /** A connection to write with (one Redis or a cluster); the recorder never closes it. */
  redis?: RedisClient;
  /** Or a Redis URL: the recorder opens its own connection and closes it in close(). */
  url?: string;
  /** Key namespace (LOOKOUT_NAMESPACE); `lookout` by default. */
  namespace?: string;
  tiers?: Tiers;
  clock?: () => number;
  /** A flush happens this long after the first buffered event (1 s)… */
  flushIntervalMs?: number;
  /** …or as soon as this many events are buffered (the batch itself grows with distinct buckets, not events). */
  maxBufferedEvents?: number;
  maxJobNamesPerQueue?: number;
  /** Buckets kept for a retry while Redis is unreachable; past this the data kept for the retry is dropped. */
  maxPendingBuckets?: number;
  onError?: (error: unknown) => void;
}

/** How long a recorded queue stays off-limits to the monitor's BullMQ fallback after the last flush. */
export const RUNTIME_MARKER_TTL_MS = 60_000;

function throttledConsoleError(): (error: unknown) => void {
  let lastLogged = 0;
  return (error) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    console.error(`[lookout] metrics: could not write metrics (${error instanceof Error ? error.message : String(error)}); retrying`);
  };
}

/**
 * The worker runtime's metrics sink. record() only updates an in-memory batch; the batch is written in one
 * MULTI every `flushIntervalMs` (or sooner when `maxBufferedEvents` pile up), so a job costs far less than
 * one Redis round trip (on a cluster: one MULTI per queue's hash tag, sent at once). A second is fine-grained
 * enough for per-minute buckets and keeps the fixed cost of a flush off the per-job cost. Flushes never overlap;
 * what a failed flush did not write is merged into the next one.
 */
export class MetricsRecorder implements JobMetricsSink {
  private readonly redis: RedisClient;
  private readonly ownsConnection: boolean;
  private readonly namespace: string;
  private readonly tiers: Tiers;
  private readonly clock: () => number;
  private readonly flushIntervalMs: number;
  private readonly maxBufferedEvents: number;
  private readonly maxPendingBuckets: number;
  private readonly names: JobNameLimiter;
  private readonly onError: (error: unknown) => void;
  private batch = new MetricsBatch();
  /** Writes of earlier flushes that did not land, with how many events they carry. */
  private pending: { plan: PlannedWrites; events: number } | null = null;
  private timer: NodeJS.Timeout | undefined;
  private lastFlush: Promise<void> = Promise.resolve();
  private queuedFlush: Promise<void> | null = null;
  private closed = false;
  /** Events recorded since the last flush began: what triggers an early flush. */
  private buffered = 0;
  /** Events lost because Redis stayed unreachable longer than the pending buffer allows. */
  dropped = 0;

  constructor(options: MetricsRecorderOptions) {
    if (!options.redis && !options.url) throw new Error('MetricsRecorder needs a redis connection or a url');
    this.ownsConnection = !options.redis;
    this.redis = options.redis ?? createRedis(options.url as string);
    this.namespace = options.namespace ?? 'lookout';
    this.tiers = options.tiers ?? buildTiers();
    this.clock = options.clock ?? Date.now;
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.maxBufferedEvents = options.maxBufferedEvents ?? 10_000;
    this.maxPendingBuckets = options.maxPendingBuckets ?? 50_000;
    this.names = new JobNameLimiter(options.maxJobNamesPerQueue);
    this.onError = options.onError ?? throttledConsoleError();
  }

  record(event: JobFinishedEvent): void {
    if (this.closed || !Number.isFinite(event.finishedAt) || !Number.isFinite(event.startedAt)) return;
    this.batch.add(
      event.prefix,
      event.queue,
      this.names.nameFor(event.prefix, event.queue, event.jobName),
      event.status === 'completed' ? 'completed' : event.final ? 'failed' : 'retried',
      event.finishedAt,
      Number.isFinite(event.enqueuedAt) ? Math.max(0, event.startedAt - event.enqueuedAt) : null,
      Math.max(0, event.finishedAt - event.startedAt),
    );
    this.buffered += 1;
    if (this.buffered >= this.maxBufferedEvents) void this.flush();
    else this.schedule();
  }

  /** Writes what is buffered; resolves once it is in Redis (or kept for a retry). */
  flush(): Promise<void> {
    if (!this.queuedFlush) {
      const queued = this.lastFlush.then(() => {
        this.queuedFlush = null;
        return this.write();
      });
      this.queuedFlush = queued;
      this.lastFlush = queued;
    }
    return this.queuedFlush;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    clearTimeout(this.timer);
    if (this.ownsConnection) this.redis.disconnect();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.batch;
    const pending = this.pending;
    if (batch.size === 0 && !pending) return;
    this.batch = new MetricsBatch();
    this.pending = null;
    this.buffered = 0;
    const options = { namespace: this.namespace, tiers: this.tiers, now: this.clock(), runtimeMarkerTtlMs: RUNTIME_MARKER_TTL_MS };
    const plan = planWrites(batch, options);
    if (pending) mergePlans(plan, pending.plan);
    const events = batch.events + (pending?.events ?? 0);
    try {
      await writePlan(this.redis, plan, options);
    } catch (error) {
      this.onError(error);
      const unwritten = error instanceof MetricsWriteError ? error.unwritten : plan;
      if (planSize(unwritten) <= this.maxPendingBuckets) this.pending = { plan: unwritten, events };
      else this.dropped += events;
      if (!this.closed) this.schedule();
    }
  }
}
