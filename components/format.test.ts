import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, formatRate, prettyJson, progressPercent } from './format';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [450, '450 ms'],
    [4_200, '4.2 s'],
    [42_000, '42 s'],
    [5 * 60_000 + 3_000, '5 m 3 s'],
    [3 * 3600_000 + 60_000, '3 h 1 m'],
    [3 * 86_400_000, '3 d 0 h'],
  ])('%s → %s', (input, expected) => expect(formatDuration(input)).toBe(expected));
});

describe('formatPercent', () => {
  it('shows a decimal below 10 % and none above', () => {
    expect(formatPercent(0.052)).toBe('5.2 %');
    expect(formatPercent(0.5)).toBe('50 %');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('formatRate', () => {
  it('shows one decimal below 10 and whole numbers above', () => {
    expect(formatRate(2.345)).toBe('2.3');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(1234.6)).toBe('1,235');
    expect(formatRate(null)).toBe('—');
  });
});

describe('progressPercent', () => {
  it('clamps numbers and ignores objects', () => {
    expect(progressPercent(140)).toBe(100);
    expect(progressPercent(-3)).toBe(0);
    expect(progressPercent({ step: 2 })).toBeNull();
  });
});

describe('prettyJson', () => {
  it('keeps markup as text and cuts huge payloads', () => {
    const { text, truncated } = prettyJson({ html: '<script>alert(1)</script>' }, 1000);
    expect(text).toContain('<script>alert(1)</script>');
    expect(truncated).toBe(false);
    const big = prettyJson('x'.repeat(5000), 100);
    expect(big).toEqual({ text: 'x'.repeat(100), truncated: true, totalChars: 5000 });
  });
});
