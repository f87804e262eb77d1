import type { Alert } from '../alerts';
import type { QueueSummary } from '../queues';
import { execPerItem, hashedPart, type RedisClient } from '../redis';
import { decodeRecord } from './codec';
import { histogramCount, countThroughBucket, BUCKETS_PER_DOUBLING, type Histogram } from './histogram';
import { totalsKey, TOTALS_FIELD } from './keys';
import type { MetricRecord } from './record';

/** A queue as /metrics shows it: sizes read now, counters and histograms since metrics began. */
export interface PrometheusQueue {
  summary: QueueSummary;
  totals: MetricRecord | null;
}

/**
 * Histogram `le` bounds: every second doubling of the store's log buckets (1 ms, 4 ms, 16 ms … 4.7 h), so each
 * bound is exactly a bucket edge and the cumulative counts are exact, not interpolated.
 */
export const LE_BUCKETS = Array.from({ length: 13 }, (_, j) => 2 * BUCKETS_PER_DOUBLING * j);

const STATES: Array<[label: string, count: keyof QueueSummary['counts']]> = [
  ['waiting', 'waiting'],
  ['active', 'active'],
  ['delayed', 'delayed'],
  ['prioritized', 'prioritized'],
  ['waiting-children', 'waitingChildren'],
  ['completed', 'completed'],
  ['failed', 'failed'],
];

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs)
    .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
    .join(',')}}`;
}

function seconds(ms: number): string {
  return String(ms / 1000);
}

class Exposition {
  private readonly lines: string[] = [];

  family(name: string, type: 'gauge' | 'counter' | 'histogram', help: string, write: (sample: (suffix: string, pairs: Record<string, string>, value: number | string) => void) => void): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    write((suffix, pairs, value) => this.lines.push(`${name}${suffix}${labels(pairs)} ${value}`));
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function histogramSamples(
  sample: (suffix: string, pairs: Record<string, string>, value: number | string) => void,
  queueLabels: Record<string, string>,
  histogram: Histogram,
  sumMs: number,
): void {
  for (const bucket of LE_BUCKETS) {
    sample('_bucket', { ...queueLabels, le: seconds(2 ** (bucket / BUCKETS_PER_DOUBLING)) }, countThroughBucket(histogram, bucket));
  }
  sample('_bucket', { ...queueLabels, le: '+Inf' }, histogramCount(histogram));
  sample('_sum', queueLabels, seconds(sumMs));
  sample('_count', queueLabels, histogramCount(histogram));
}

/** An active alert as /metrics shows it. */
export type PrometheusAlert = Pick<Alert, 'rule' | 'prefix' | 'queue' | 'severity' | 'state'>;

/** The Prometheus text exposition (format 0.0.4) for the queues, and the pending and firing alerts. */
export function renderPrometheus(queues: readonly PrometheusQueue[], alerts: readonly PrometheusAlert[] = []): string {
  const out = new Exposition();
  // Shaped like Prometheus' own ALERTS series, so the same dashboards and inhibition rules apply.
  out.family('lookout_active_alerts', 'gauge', 'Pending and firing Lookout alerts, 1 per alert (alertstate pending or firing).', (sample) => {
    for (const alert of alerts) {
      sample('', { alertname: alert.rule, alertstate: alert.state, severity: alert.severity, prefix: alert.prefix ?? '', queue: alert.queue ?? '' }, 1);
    }
  });
  const of = (queue: PrometheusQueue) => ({ prefix: queue.summary.prefix, queue: queue.summary.name });
  out.family('lookout_queue_jobs', 'gauge', 'Jobs in the queue by state, read at scrape time.', (sample) => {
    for (const queue of queues) for (const [state, count] of STATES) sample('', { ...of(queue), state }, queue.summary.counts[count]);
  });
  out.family('lookout_queue_paused', 'gauge', '1 when the queue is paused.', (sample) => {
    for (const queue of queues) sample('', of(queue), queue.summary.paused ? 1 : 0);
  });
  out.family('lookout_queue_oldest_waiting_age_seconds', 'gauge', 'Age of the job that has waited longest; 0 when nothing waits.', (sample) => {
    for (const queue of queues) sample('', of(queue), seconds(queue.summary.oldestWaitingAgeMs ?? 0));
  });
  out.family('lookout_queue_workers', 'gauge', 'Connected BullMQ workers.', (sample) => {
    for (const queue of queues) sample('', of(queue), queue.summary.workers);
  });
  const counters = [
    ['lookout_jobs_completed_total', 'Jobs completed.', 'completed'],
    ['lookout_jobs_failed_total', 'Jobs failed for good (no retry left).', 'failed'],
    ['lookout_jobs_retried_total', 'Attempts that failed and were retried (recorded by the Lookout runtime).', 'retried'],
  ] as const;
  for (const [name, help, field] of counters) {
    out.family(name, 'counter', help, (sample) => {
      for (const queue of queues) sample('', of(queue), queue.totals?.[field] ?? 0);
    });
  }
  out.family('lookout_job_wait_seconds', 'histogram', 'Time from when a job could run to when it started.', (sample) => {
    for (const queue of queues) histogramSamples(sample, of(queue), queue.totals?.wait ?? new Map(), queue.totals?.waitSumMs ?? 0);
  });
  out.family('lookout_job_runtime_seconds', 'histogram', 'Time a job attempt ran.', (sample) => {
    for (const queue of queues) histogramSamples(sample, of(queue), queue.totals?.runtime ?? new Map(), queue.totals?.runtimeSumMs ?? 0);
  });
  return out.toString();
}

/** Reads the totals of many queues in one pipeline (on a cluster, one per queue's hash tag, sent at once). */
export async function readTotals(redis: RedisClient, namespace: string, queues: readonly QueueSummary[]): Promise<PrometheusQueue[]> {
  if (queues.length === 0) return [];
  const keyOf = (queue: QueueSummary) => totalsKey(namespace, queue.prefix, queue.name);
  const results = await execPerItem(redis, queues, (queue) => hashedPart(keyOf(queue)), (pipeline, queue) => {
    pipeline.hget(keyOf(queue), TOTALS_FIELD);
  });
  return queues.map((summary, index) => {
    const [error, value] = results[index]?.[0] ?? [null, null];
    return { summary, totals: !error && typeof value === 'string' ? decodeRecord(value) : null };
  });
}
