/**
 * Log-scaled histograms of durations in milliseconds, mergeable by adding counts bucket by bucket, so
 * histograms written by many processes (and many minutes) combine exactly.
 *
 * Bucket 0 holds values ≤ 1 ms; bucket i ≥ 1 holds (2^((i-1)/4), 2^(i/4)] ms, four buckets per doubling.
 * A percentile is read back as the geometric middle of its bucket, so it is within 2^(1/8) - 1 ≈ 9.05 %
 * of the true value (for values above 1 ms).
 */
export type Histogram = Map<number, number>;

export const BUCKETS_PER_DOUBLING = 4;
/** 2^(159/4) ms is about 27 years: anything longer is clamped into the last bucket. */
export const MAX_BUCKET = 160;
/** The worst relative error of a percentile read back from a histogram. */
export const PERCENTILE_PRECISION = 2 ** (1 / (2 * BUCKETS_PER_DOUBLING)) - 1;

export function bucketOf(ms: number): number {
  if (!(ms > 1)) return 0;
  return Math.min(MAX_BUCKET, Math.ceil(Math.log2(ms) * BUCKETS_PER_DOUBLING));
}

/** The inclusive upper bound of a bucket in ms. */
export function bucketUpperBound(bucket: number): number {
  return 2 ** (bucket / BUCKETS_PER_DOUBLING);
}

/** The value a bucket stands for when read back: its geometric middle (1 ms for bucket 0). */
export function bucketValue(bucket: number): number {
  return bucket === 0 ? 1 : 2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING);
}

export function addToHistogram(histogram: Histogram, ms: number, count = 1): void {
  const bucket = bucketOf(ms);
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + count);
}

export function mergeHistogram(target: Histogram, source: Histogram): Histogram {
  for (const [bucket, count] of source) target.set(bucket, (target.get(bucket) ?? 0) + count);
  return target;
}

export function histogramCount(histogram: Histogram): number {
  let total = 0;
  for (const count of histogram.values()) total += count;
  return total;
}

/** The q-quantile (0 < q ≤ 1) by nearest rank, or null for an empty histogram. */
export function quantile(histogram: Histogram, q: number): number | null {
  const total = histogramCount(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(Math.min(1, Math.max(0, q)) * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) return bucketValue(bucket);
  }
  return null;
}

/** How many values are ≤ the upper bound of `last` (a Prometheus `le` bucket). */
export function countThroughBucket(histogram: Histogram, last: number): number {
  let total = 0;
  for (const [bucket, count] of histogram) if (bucket <= last) total += count;
  return total;
}
