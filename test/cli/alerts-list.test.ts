import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';
import { only, testEngine } from '../alerts/engine-helpers';

/** `lookout alerts:list` through the real binary, on alerts a real engine committed. */
const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'lookout.mjs');
const prefix = uniquePrefix('cli-alerts');
const namespace = `${prefix}-ns`;
const redis = testRedis();
let queue: Queue;

function lookout(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, REDIS_URL: testRedisUrl(), LOOKOUT_PREFIXES: prefix, LOOKOUT_NAMESPACE: namespace, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  queue = new Queue('inbox', { connection: connectionOptions(), prefix });
  await queue.addBulk(Array.from({ length: 12 }, (_, n) => ({ name: 'mail', data: { n } })));
  const engine = testEngine(redis, { namespace, prefix, rules: only({ QueueLengthWarning: { threshold: 10, forMs: 0 } }, 'QueueLengthWarning') });
  await engine.tick(Date.now());
  await engine.close();
});

afterAll(async () => {
  await queue.close();
  await deletePrefix(redis, prefix);
  await deletePrefix(redis, namespace);
  redis.disconnect();
});

describe('lookout alerts:list', () => {
  it('prints the firing alert as a table, and as JSON with --json', async () => {
    const table = await lookout(['alerts:list']);
    expect(table.code, table.stderr).toBe(0);
    const row = table.stdout.split('\n').find((line) => line.includes('QueueLengthWarning'));
    expect(row).toMatch(/^firing\s+warning\s+QueueLengthWarning\s+inbox\s+0 min\s+QueueLengthWarning on inbox: 12 jobs waiting/);
    const json = await lookout(['alerts:list', '--json']);
    expect(JSON.parse(json.stdout).alerts).toMatchObject([{ rule: 'QueueLengthWarning', queue: 'inbox', state: 'firing', value: 12, threshold: 10 }]);
  });

  it('says so when nothing is pending or firing, and refuses a stray argument', async () => {
    const quiet = await lookout(['alerts:list', '--recent'], { LOOKOUT_NAMESPACE: `${namespace}-quiet` });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout.trim()).toBe('No alert is pending or firing, and none resolved recently.');
    const stray = await lookout(['alerts:list', 'inbox']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('Usage: lookout alerts:list');
  });
});
