import type { Histogram } from './histogram';
import { emptyRecord, GAUGE_FIELDS, type Gauges, type MetricRecord } from './record';

/**
 * A record is stored as one short string, four `|`-separated parts:
 *
 *   completed,failed,retried,waitSumMs,waitMaxMs,runtimeSumMs,runtimeMaxMs
 *   | waiting,prioritized,active,delayed,failedTotal,oldestWaitMs,workers
 *   | <first wait bucket>:<count>,<count>,…      (consecutive buckets)
 *   | <first runtime bucket>:<count>,<count>,…
 *
 * An empty part means zeros, no gauges or an empty histogram. One string per bucket (rather than a hash
 * field per number) keeps a busy minute at about 110 bytes; the merge script (merge-script.ts) reads and
 * writes the same format, and the tests hold the two together.
 */
export const RECORD_SEPARATOR = '|';

function integer(value: number): string {
  return String(Math.round(value));
}

function encodeHistogram(histogram: Histogram): string {
  let low = Infinity;
  let high = -Infinity;
  for (const [bucket, count] of histogram) {
    if (count === 0) continue;
    if (bucket < low) low = bucket;
    if (bucket > high) high = bucket;
  }
  if (low > high) return '';
  const counts: string[] = [];
  for (let bucket = low; bucket <= high; bucket++) counts.push(integer(histogram.get(bucket) ?? 0));
  return `${low}:${counts.join(',')}`;
}

function decodeHistogram(text: string | undefined): Histogram {
  const histogram: Histogram = new Map();
  if (!text) return histogram;
  const colon = text.indexOf(':');
  let bucket = Number(text.slice(0, colon));
  if (colon < 0 || !Number.isInteger(bucket)) return histogram;
  for (const part of text.slice(colon + 1).split(',')) {
    const count = Number(part);
    if (count > 0) histogram.set(bucket, count);
    bucket++;
  }
  return histogram;
}

function encodeGauges(gauges: Gauges | null): string {
  if (!gauges) return '';
  return GAUGE_FIELDS.map((field) => (gauges[field] === null ? '' : integer(gauges[field]))).join(',');
}

function decodeGauges(text: string | undefined): Gauges | null {
  if (!text) return null;
  const parts = text.split(',');
  const at = (index: number) => Number(parts[index]) || 0;
  const oldest = parts[5];
  return {
    waiting: at(0),
    prioritized: at(1),
    active: at(2),
    delayed: at(3),
    failedTotal: at(4),
    oldestWaitMs: oldest === undefined || oldest === '' ? null : Number(oldest) || 0,
    workers: at(6),
  };
}

export function encodeRecord(record: MetricRecord): string {
  const counters = [
    record.completed,
    record.failed,
    record.retried,
    record.waitSumMs,
    record.waitMaxMs,
    record.runtimeSumMs,
    record.runtimeMaxMs,
  ];
  const counterPart = counters.every((value) => value === 0) ? '' : counters.map(integer).join(',');
  return [counterPart, encodeGauges(record.gauges), encodeHistogram(record.wait), encodeHistogram(record.runtime)].join(RECORD_SEPARATOR);
}

export function decodeRecord(text: string): MetricRecord {
  const [counterPart, gaugePart, waitPart, runtimePart] = text.split(RECORD_SEPARATOR);
  const record = emptyRecord();
  if (counterPart) {
    const values = counterPart.split(',').map((value) => Number(value) || 0);
    [record.completed = 0, record.failed = 0, record.retried = 0, record.waitSumMs = 0, record.waitMaxMs = 0, record.runtimeSumMs = 0, record.runtimeMaxMs = 0] = values;
  }
  record.gauges = decodeGauges(gaugePart);
  record.wait = decodeHistogram(waitPart);
  record.runtime = decodeHistogram(runtimePart);
  return record;
}
