import { describe, expect, it } from 'vitest';
import { formatDrainEta } from './drain';

describe('formatDrainEta', () => {
  it.each([
    [{ backlog: 0, drainEtaMs: 0 }, 'empty'],
    [{ backlog: 12, drainEtaMs: null }, 'stalled'],
    [{ backlog: 120, drainEtaMs: 90_000 }, '1 m 30 s'],
  ])('%o → %s', (queue, expected) => expect(formatDrainEta(queue)).toBe(expected));
});
