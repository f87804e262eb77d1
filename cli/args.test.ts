import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('parseArgs', () => {
  it('reads positionals, --flag=value, --flag value and switches', () => {
    expect(parseArgs(['queue:retry', 'emails', '--queue=high,low', '--concurrency', '5', '--json'])).toEqual({
      positionals: ['queue:retry', 'emails'],
      flags: { queue: 'high,low', concurrency: '5', json: true },
    });
  });

  it('treats a flag followed by another flag as a switch', () => {
    expect(parseArgs(['--once', '--sleep=3']).flags).toEqual({ once: true, sleep: '3' });
  });

  it('never gives a value to a declared switch', () => {
    expect(parseArgs(['queue:failed', '--json', 'emails', '--limit', '5'], ['json'])).toEqual({
      positionals: ['queue:failed', 'emails'],
      flags: { json: true, limit: '5' },
    });
  });
});
