import { describe, expect, it } from 'vitest';
import { minutePieces } from './fallback';

describe('minutePieces', () => {
  it('splits a window of finish times at minute boundaries', () => {
    expect(minutePieces(59_000, 125_000)).toEqual([
      { minute: 0, after: 59_000, through: 59_999 },
      { minute: 60_000, after: 59_999, through: 119_999 },
      { minute: 120_000, after: 119_999, through: 125_000 },
    ]);
  });

  it('keeps a window inside one minute whole, and an empty window empty', () => {
    expect(minutePieces(61_000, 66_000)).toEqual([{ minute: 60_000, after: 61_000, through: 66_000 }]);
    expect(minutePieces(5000, 5000)).toEqual([]);
  });
});
