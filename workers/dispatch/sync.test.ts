import { describe, expect, it } from 'vitest';
import { defineJob } from '../define-job';
import { TimeoutError } from '../errors';
import { dispatchSync } from './sync';

describe('dispatchSync', () => {
  it('runs the handler now and returns its result', async () => {
    const add = defineJob({ name: 'add', handle: (data: { a: number; b: number }, ctx) => ({ sum: data.a + data.b, attempt: ctx.attempt }) });
    expect(await dispatchSync(add, { a: 2, b: 3 })).toEqual({ sum: 5, attempt: 1 });
  });

  it('runs failed() and rethrows when the handler throws', async () => {
    const failures: string[] = [];
    const broken = defineJob({
      name: 'broken',
      handle: () => {
        throw new Error('nope');
      },
      failed: (_data, error) => {
        failures.push(error.message);
      },
    });
    await expect(dispatchSync(broken, {})).rejects.toThrow('nope');
    expect(failures).toEqual(['nope']);
  });

  it('applies the timeout and aborts the signal', async () => {
    let reason: unknown;
    const slow = defineJob({
      name: 'slow-sync',
      timeout: 0.05,
      handle: (_data, ctx) =>
        new Promise<void>((resolve) =>
          ctx.signal.addEventListener('abort', () => {
            reason = ctx.signal.reason;
            resolve();
          }),
        ),
    });
    await expect(dispatchSync(slow, {})).rejects.toBeInstanceOf(TimeoutError);
    expect(reason).toBeInstanceOf(TimeoutError);
  });
});
