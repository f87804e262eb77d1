import { describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/support/chaos';

/**
 * The chaos bench (bench/chaos.bench.ts) at a small scale, for correctness only: 500 jobs through two real
 * `lookout work` processes, three SIGKILLs with restarts and one Redis restart (its own redis-server, AOF on).
 * Nothing may be lost; every job completes at least once. Timing is the bench's business, not this test's.
 */
describe('chaos, small', () => {
  it('loses no job through worker kills and a Redis restart', { timeout: 120_000 }, async () => {
    const result = await runChaos({
      jobs: 500,
      workers: 2,
      concurrency: 5,
      produceMs: 5000,
      killEveryMs: 1500,
      kills: 3,
      redisRestartAtMs: 2500,
      redisDownMs: 1000,
      jobMs: [10, 60],
      web: false,
      drainTimeoutMs: 60_000,
      log: () => undefined,
    });
    expect({ lost: result.lost, lostIds: result.lostIds, failedReasons: result.failedReasons }).toEqual({ lost: 0, lostIds: [], failedReasons: {} });
    expect(result.completedOnce + result.duplicates).toBe(500);
    expect(result.completedWithoutExecution).toBe(0);
    expect(result.kills).toBe(3);
    expect(result.redisDownMs).toBeGreaterThanOrEqual(1000);
  });
});
