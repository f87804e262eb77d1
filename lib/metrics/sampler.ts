import { discoverQueuesCached, readQueueSummaries, type QueueSummary } from '../queues';
import type { RedisClient } from '../redis';
import { MetricsBatch } from './batch';
import { collectPlainBullmq, type FallbackOptions } from './fallback';
import { JobNameLimiter } from './job-name-limit';
import type { Gauges } from './record';
import type { Tiers } from './tiers';
import { writeBatch } from './write';

export interface MetricsSamplerOptions {
  redis: RedisClient;
  prefixes: readonly string[];
  namespace: string;
  tiers: Tiers;
  /** How long a queue discovery (a SCAN of the keyspace) is reused; new queues show up within it (5 s). */
  discoveryMaxAgeMs?: number;
  maxJobNamesPerQueue?: number;
  fallback?: Pick<FallbackOptions, 'lagMs' | 'backfillMs' | 'maxCatchUpMs' | 'maxSamples'>;
}

export function gaugesOf(queue: QueueSummary): Gauges {
  return {
    waiting: queue.counts.waiting,
    prioritized: queue.counts.prioritized,
    active: queue.counts.active,
    delayed: queue.counts.delayed,
    failedTotal: queue.counts.failed,
    oldestWaitMs: queue.oldestWaitingAgeMs,
    workers: queue.workers,
  };
}

/** The all-queues gauges: sums, except the oldest wait, which is the oldest of all. */
export function totalGauges(queues: readonly QueueSummary[]): Gauges {
  const total: Gauges = { waiting: 0, prioritized: 0, active: 0, delayed: 0, failedTotal: 0, oldestWaitMs: null, workers: 0 };
  for (const queue of queues) {
    const gauges = gaugesOf(queue);
    total.waiting += gauges.waiting;
    total.prioritized += gauges.prioritized;
    total.active += gauges.active;
    total.delayed += gauges.delayed;
    total.failedTotal += gauges.failedTotal;
    total.workers += gauges.workers;
    if (gauges.oldestWaitMs !== null) total.oldestWaitMs = Math.max(total.oldestWaitMs ?? 0, gauges.oldestWaitMs);
  }
  return total;
}

/**
 * The monitor's metrics task: every tick, samples every queue's sizes, oldest wait and workers, reads what
 * plain BullMQ workers finished since the last tick, and writes it all in one transaction (on a cluster, one per
 * queue's hash tag). A tick that fails is not retried: the queues whose writes did not land keep their read
 * position, so the next tick reads their jobs again (the all-queues series may then miss that tick's share).
 */
export function createMetricsSampler(options: MetricsSamplerOptions) {
  const names = new JobNameLimiter(options.maxJobNamesPerQueue);
  return {
    name: 'metrics',
    async run(now: number): Promise<void> {
      const { redis, namespace, tiers } = options;
      const refs = await discoverQueuesCached(redis, options.prefixes, options.discoveryMaxAgeMs, { waitForFresh: true });
      const summaries = await readQueueSummaries(redis, refs, now);
      const batch = new MetricsBatch();
      for (const queue of summaries) batch.addGauges({ kind: 'queue', prefix: queue.prefix, queue: queue.name }, now, gaugesOf(queue));
      batch.addGauges({ kind: 'all' }, now, totalGauges(summaries));
      await collectPlainBullmq(redis, refs, batch, { ...options.fallback, namespace, now, names });
      await writeBatch(redis, batch, { namespace, tiers, now });
    },
  };
}
