import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { numberFlag, parseFlags, switchFlag } from './flags';

const schema = z.object({ concurrency: numberFlag.default(1), once: switchFlag }).strict();

describe('parseFlags', () => {
  it('reads numbers and switches', () => {
    expect(parseFlags(['--concurrency=5', '--once'], schema).flags).toEqual({ concurrency: 5, once: true });
    expect(parseFlags([], schema).flags).toEqual({ concurrency: 1, once: false });
  });

  it('names the flag in every mistake', () => {
    expect(() => parseFlags(['--concurency=5'], schema)).toThrow('unknown flag --concurency');
    expect(() => parseFlags(['--concurrency'], schema)).toThrow('--concurrency needs a value');
    expect(() => parseFlags(['--concurrency=lots'], schema)).toThrow('--concurrency: must be a number');
  });
});
