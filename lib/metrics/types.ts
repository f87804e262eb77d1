/** Shapes of the metrics API (durations in ms, times in ms since epoch). */

export type Resolution = '1m' | '15m';

export interface DurationStats {
  waitP50: number | null;
  waitP95: number | null;
  waitP99: number | null;
  waitMax: number | null;
  waitAvg: number | null;
  runtimeP50: number | null;
  runtimeP95: number | null;
  runtimeP99: number | null;
  runtimeMax: number | null;
  runtimeAvg: number | null;
}

/** One point of GET /api/metrics. Counts are per point (`step`); gauges are the peak sampled in it, null when unsampled. */
export interface MetricPoint extends DurationStats {
  t: number;
  completed: number;
  failed: number;
  retried: number;
  waiting: number | null;
  prioritized: number | null;
  active: number | null;
  delayed: number | null;
  failedTotal: number | null;
  oldestWaitMs: number | null;
  workers: number | null;
}

export interface MetricsSeriesResponse {
  points: MetricPoint[];
  /** Seconds per point. */
  step: number;
  resolution: Resolution;
  from: number;
  to: number;
}

/** GET /api/metrics/queues: the busiest queues over a range, each with its own points. */
export interface QueueSeriesResponse {
  queues: Array<{ prefix: string; name: string; finished: number; points: MetricPoint[] }>;
  /** How many queues were compared (at most MAX_CANDIDATE_QUEUES). */
  queuesRead: number;
  step: number;
  resolution: Resolution;
  from: number;
  to: number;
}

export interface JobNameMetrics {
  name: string;
  completed: number;
  failed: number;
  retried: number;
  throughputPerMinute: number;
  /** failed / (completed + failed); null when no job finished. */
  failureRate: number | null;
  runtimeAvgMs: number | null;
  runtimeP95Ms: number | null;
  waitP95Ms: number | null;
}

export interface JobNamesResponse {
  jobNames: JobNameMetrics[];
  from: number;
  to: number;
  resolution: Resolution;
}

export interface QueueWorkload {
  prefix: string;
  name: string;
  /** waiting + prioritized. */
  backlog: number;
  /** Jobs finished per minute over the last 5 minutes. */
  throughputPerMinute: number;
  /** backlog / throughput; 0 with no backlog, null when nothing is being processed. */
  drainEtaMs: number | null;
  workers: number;
  oldestWaitingAgeMs: number | null;
}

/** Headline numbers (Horizon-style) for all queues or one queue. */
export interface MetricsSummary {
  jobsPastMinute: number;
  jobsPastHour: number;
  failedPastHour: number;
  failedPastSevenDays: number;
  /** The oldest waiting job's age right now, across the queues. */
  maxWaitMs: number | null;
  /** The longest job run in the past hour. */
  maxRuntimeMs: number | null;
  /** Connected BullMQ workers (processes × queues). */
  workers: number;
  queues: QueueWorkload[];
}
