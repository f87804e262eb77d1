import { describe, expect, it } from 'vitest';
import { addJob, emptyRecord } from './record';
import { countSince, drainEtaMs } from './summary';
import { MINUTE_MS } from './tiers';

describe('drainEtaMs', () => {
  it.each([
    [0, 0, 0],
    [0, 50, 0],
    [100, 0, null],
    [100, 50, 2 * MINUTE_MS],
    [30, 120, 15_000],
  ])('backlog %s at %s jobs/min → %s ms', (backlog, perMinute, expected) => {
    expect(drainEtaMs(backlog, perMinute)).toBe(expected);
  });
});

describe('countSince', () => {
  it('counts whole slots after the start and the straddling slot pro rata', () => {
    const slot = (t: number, jobs: number) => {
      const record = emptyRecord();
      for (let i = 0; i < jobs; i++) addJob(record, 'completed', 0, 1);
      return { t, record };
    };
    const slots = [slot(0, 60), slot(MINUTE_MS, 10), slot(2 * MINUTE_MS, 4)];
    expect(countSince(slots, MINUTE_MS, MINUTE_MS / 2, (record) => record.completed)).toBe(30 + 10 + 4);
    expect(countSince(slots, MINUTE_MS, 2 * MINUTE_MS, (record) => record.completed)).toBe(4);
  });
});
