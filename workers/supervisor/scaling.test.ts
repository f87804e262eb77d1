import { describe, expect, it } from 'vitest';
import { desiredProcessCount, restartDelayMs } from './scaling';

const base = { backlog: 0, current: 1, min: 1, max: 5, backlogPerProcess: 100, maxShift: 1 };

describe('desiredProcessCount', () => {
  it('scales up on backlog one step at a time, never past max', () => {
    expect(desiredProcessCount({ ...base, backlog: 450 })).toBe(2);
    expect(desiredProcessCount({ ...base, backlog: 450, current: 4 })).toBe(5);
    expect(desiredProcessCount({ ...base, backlog: 10_000, current: 5 })).toBe(5);
    expect(desiredProcessCount({ ...base, backlog: 450, maxShift: 10 })).toBe(5);
  });

  it('scales down when the backlog drains, never below min', () => {
    expect(desiredProcessCount({ ...base, current: 4 })).toBe(3);
    expect(desiredProcessCount({ ...base, current: 1 })).toBe(1);
    expect(desiredProcessCount({ ...base, min: 0, current: 1 })).toBe(0);
  });

  it('holds steady when the backlog matches the processes', () => {
    expect(desiredProcessCount({ ...base, backlog: 250, current: 3 })).toBe(3);
  });
});

describe('restartDelayMs', () => {
  it('restarts a clean exit at once and backs off crashes, doubling up to the cap', () => {
    expect(restartDelayMs(0)).toBe(0);
    expect([1, 2, 3, 8].map((crashes) => restartDelayMs(crashes))).toEqual([1000, 2000, 4000, 60_000]);
    expect(restartDelayMs(2, { initialMs: 50, maxMs: 80 })).toBe(80);
  });
});
