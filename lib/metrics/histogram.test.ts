import { describe, expect, it } from 'vitest';
import { addToHistogram, bucketOf, bucketUpperBound, bucketValue, countThroughBucket, mergeHistogram, PERCENTILE_PRECISION, quantile, type Histogram } from './histogram';

function histogramOf(values: number[]): Histogram {
  const histogram: Histogram = new Map();
  for (const value of values) addToHistogram(histogram, value);
  return histogram;
}

describe('log-scaled histogram', () => {
  it('puts values ≤ 1 ms in bucket 0 and four buckets in every doubling above', () => {
    expect([0, 0.5, 1].map(bucketOf)).toEqual([0, 0, 0]);
    expect(bucketOf(2)).toBe(4);
    expect(bucketOf(2.0001)).toBe(5);
    expect(bucketOf(1024)).toBe(40);
    expect(bucketUpperBound(40)).toBe(1024);
  });

  it('keeps every value inside the bounds of its bucket', () => {
    for (let ms = 1.01; ms < 1e9; ms *= 1.37) {
      const bucket = bucketOf(ms);
      expect(ms).toBeLessThanOrEqual(bucketUpperBound(bucket) * (1 + 1e-12));
      expect(ms).toBeGreaterThan(bucketUpperBound(bucket - 1) * (1 - 1e-12));
    }
  });

  it('reads every value back within the stated precision (9.05 %)', () => {
    expect(PERCENTILE_PRECISION).toBeCloseTo(0.0905, 4);
    for (let ms = 1.5; ms < 1e9; ms *= 1.29) {
      const read = bucketValue(bucketOf(ms));
      expect(Math.abs(read - ms) / ms).toBeLessThanOrEqual(PERCENTILE_PRECISION + 1e-9);
    }
  });

  it.each([
    [0.5, 100],
    [0.95, 400],
    [0.99, 400],
    [1, 1000],
  ])('finds the %s quantile by nearest rank', (q, expected) => {
    const values = [...Array(90).fill(100), ...Array(9).fill(400), 1000];
    const read = quantile(histogramOf(values), q) as number;
    expect(Math.abs(read - expected) / expected).toBeLessThanOrEqual(PERCENTILE_PRECISION);
  });

  it('answers null for an empty histogram', () => {
    expect(quantile(new Map(), 0.5)).toBeNull();
  });

  it('merges histograms from several processes into the histogram of all values', () => {
    const a = [5, 10, 20, 40];
    const b = [80, 160, 5000];
    const merged = mergeHistogram(histogramOf(a), histogramOf(b));
    expect(merged).toEqual(histogramOf([...a, ...b]));
    expect(quantile(merged, 0.5)).toBe(quantile(histogramOf([...b, ...a]), 0.5));
  });

  it('counts values up to a bucket edge, for Prometheus le buckets', () => {
    const histogram = histogramOf([1, 3, 4, 5, 16, 17]);
    expect(countThroughBucket(histogram, bucketOf(1))).toBe(1);
    expect(countThroughBucket(histogram, bucketOf(4))).toBe(3);
    expect(countThroughBucket(histogram, bucketOf(16))).toBe(5);
  });
});
