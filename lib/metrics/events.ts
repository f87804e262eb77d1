/**
 * The seam between the worker runtime and the metrics store: the runtime reports every finished attempt
 * to a sink; lib/metrics implements the sink (buffered, at most one Redis round trip per job).
 */
export interface JobFinishedEvent {
  prefix: string;
  queue: string;
  jobName: string;
  jobId: string;
  /** `failed` for every failed attempt; `final` tells whether the job will not be retried. */
  status: 'completed' | 'failed';
  final: boolean;
  /** When the job became runnable: its timestamp plus any delay (ms since epoch). */
  enqueuedAt: number;
  /** When this attempt started (processedOn) and finished (ms since epoch). */
  startedAt: number;
  finishedAt: number;
}

export interface JobMetricsSink {
  record(event: JobFinishedEvent): void;
  /** Writes what is buffered and releases the sink's resources. */
  close(): Promise<void>;
}
