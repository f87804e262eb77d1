import { describe, expect, it } from 'vitest';
import { formatTable, oneLine } from './table';

describe('formatTable', () => {
  it('aligns text left and numbers right, with thousands separators', () => {
    expect(formatTable(['queue', 'waiting'], [['emails', 1200], ['partner-sync', 7]])).toBe(
      ['queue         waiting', '────────────  ───────', 'emails          1,200', 'partner-sync        7'].join('\n'),
    );
  });

  it('prints the header alone for no rows, and a dash for missing values', () => {
    expect(formatTable(['a', 'b'], [])).toBe('a  b\n─  ─');
    expect(formatTable(['a'], [[null]]).split('\n')[2]).toBe('—');
  });
});

describe('oneLine', () => {
  it('flattens and cuts long text', () => {
    expect(oneLine('a\n  b', 10)).toBe('a b');
    expect(oneLine('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
