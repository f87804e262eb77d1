import { MINUTE_MS } from './tiers';
import { addJob, emptyRecord, mergeGauges, type Gauges, type JobOutcome, type MetricRecord } from './record';
import type { Series } from './keys';

/** One finished attempt, as the recorder (from a JobFinishedEvent) or the BullMQ fallback (from a job hash) saw it. */
export interface JobSample {
  prefix: string;
  queue: string;
  jobName: string;
  outcome: JobOutcome;
  finishedAt: number;
  /** null when it cannot be known (e.g. a plain BullMQ job that was retried). */
  waitMs: number | null;
  runtimeMs: number | null;
}

/** Per-minute counts of one queue and (unless null) one job name. */
export interface BatchEntry {
  prefix: string;
  queue: string;
  jobName: string | null;
  minute: number;
  record: MetricRecord;
}

export interface GaugeEntry {
  series: Extract<Series, { kind: 'all' | 'queue' }>;
  minute: number;
  gauges: Gauges;
}

const minuteOf = (at: number) => Math.floor(at / MINUTE_MS) * MINUTE_MS;

/**
 * Aggregates what happened in memory, per queue, job name and minute, so a flush writes one record per
 * bucket however many jobs finished: recording a job costs a map lookup, not a Redis command.
 */
export class MetricsBatch {
  private readonly jobs = new Map<string, BatchEntry>();
  /** The latest entry per prefix → queue → job name: most jobs land in the current minute, found without a key string. */
  private readonly latest = new Map<string, Map<string, Map<string | null, BatchEntry>>>();
  private readonly gaugeSamples = new Map<string, GaugeEntry>();
  private readonly hashes = new Map<string, Record<string, string>>();
  /** Attempts recorded since the batch was created. */
  events = 0;

  private entry(prefix: string, queue: string, jobName: string | null, at: number): BatchEntry {
    const minute = minuteOf(at);
    let queues = this.latest.get(prefix);
    if (!queues) {
      queues = new Map();
      this.latest.set(prefix, queues);
    }
    let names = queues.get(queue);
    if (!names) {
      names = new Map();
      queues.set(queue, names);
    }
    const latest = names.get(jobName);
    if (latest?.minute === minute) return latest;
    const id = `${prefix}\u0000${queue}\u0000${jobName ?? '\u0001'}\u0000${minute}`;
    let entry = this.jobs.get(id);
    if (!entry) {
      entry = { prefix, queue, jobName, minute, record: emptyRecord() };
      this.jobs.set(id, entry);
    }
    names.set(jobName, entry);
    return entry;
  }

  addJob(sample: JobSample): void {
    this.add(sample.prefix, sample.queue, sample.jobName, sample.outcome, sample.finishedAt, sample.waitMs, sample.runtimeMs);
  }

  /** addJob without the sample object: the recorder's hot path, once per finished attempt. */
  add(prefix: string, queue: string, jobName: string, outcome: JobOutcome, finishedAt: number, waitMs: number | null, runtimeMs: number | null): void {
    addJob(this.entry(prefix, queue, jobName, finishedAt).record, outcome, waitMs, runtimeMs);
    this.events += 1;
  }

  /** Jobs counted for the queue but not for any job name (e.g. removed before their hash could be read). */
  addCounts(prefix: string, queue: string, at: number, outcome: JobOutcome, count: number): void {
    if (count <= 0) return;
    this.entry(prefix, queue, null, at).record[outcome] += count;
    this.events += count;
  }

  addGauges(series: GaugeEntry['series'], at: number, gauges: Gauges): void {
    const minute = minuteOf(at);
    const id = `${series.kind === 'all' ? '' : `${series.prefix}\u0000${series.queue}`}\u0000${minute}`;
    const existing = this.gaugeSamples.get(id);
    this.gaugeSamples.set(id, { series, minute, gauges: (existing && mergeGauges(existing.gauges, gauges)) ?? gauges });
  }

  /** A hash to overwrite in the same transaction as the counts (the fallback's read position). */
  setHash(key: string, fields: Record<string, string>): void {
    this.hashes.set(key, fields);
  }

  get jobEntries(): Iterable<BatchEntry> {
    return this.jobs.values();
  }

  get gaugeEntries(): Iterable<GaugeEntry> {
    return this.gaugeSamples.values();
  }

  get hashWrites(): ReadonlyMap<string, Record<string, string>> {
    return this.hashes;
  }

  /** How many buckets the batch holds: what a flush writes, and what bounds its memory. */
  get size(): number {
    return this.jobs.size + this.gaugeSamples.size + this.hashes.size;
  }
}
