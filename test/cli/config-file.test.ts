import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOptions, deletePrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis';

/** The real `lookout` binary, run in a folder whose lookout.config.json holds the settings instead of the environment. */
const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'lookout.mjs');
const prefix = uniquePrefix('cfgfile');
const namespace = `${prefix}-ns`;
const redis = testRedis();
const folder = mkdtempSync(join(tmpdir(), 'lookout-config-'));
let queue: Queue;

function lookoutIn(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // Nothing Lookout reads comes from this process's environment, only from the file and `env`.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(REDIS_|LOOKOUT_)/.test(name)));
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...inherited, ...env } as NodeJS.ProcessEnv, timeout: 30_000 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  queue = new Queue('inbox', { connection: connectionOptions(), prefix });
  await queue.addBulk([1, 2, 3].map((n) => ({ name: 'mail', data: { n } })));
  writeFileSync(
    join(folder, 'lookout.config.json'),
    JSON.stringify({
      REDIS_URL: testRedisUrl(),
      LOOKOUT_PREFIXES: [prefix],
      LOOKOUT_NAMESPACE: namespace,
      LOOKOUT_ALERT_RULES: { QueueLengthWarning: { threshold: 2, forMs: 0 }, WorkersMissing: { enabled: false } },
    }),
  );
});

afterAll(async () => {
  await queue.close();
  await deletePrefix(redis, prefix);
  await deletePrefix(redis, namespace);
  redis.disconnect();
  rmSync(folder, { recursive: true, force: true });
});

describe('lookout.config.json settings', () => {
  it('configure a command run in its folder: Redis, prefixes and alert rules', async () => {
    const run = await lookoutIn(folder, ['alerts:run', '--once']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { default: { active: string[] } };
    expect(result.default.active).toEqual([`QueueLengthWarning on inbox: 3 jobs waiting (threshold 2 jobs)`]);
  });

  it('give way to the environment', async () => {
    const run = await lookoutIn(folder, ['alerts:run', '--once'], { LOOKOUT_ALERT_RULES: JSON.stringify({ QueueLengthWarning: { threshold: 10, forMs: 0 }, WorkersMissing: { enabled: false } }) });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { default: { active: string[] } }).default.active).toEqual([]);
  });

  it('refuse a misspelt setting with a message', async () => {
    const typo = mkdtempSync(join(tmpdir(), 'lookout-config-'));
    writeFileSync(join(typo, 'lookout.config.json'), JSON.stringify({ REDIS_ULR: testRedisUrl() }));
    const run = await lookoutIn(typo, ['queue:size']);
    rmSync(typo, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown setting "REDIS_ULR"');
  });
});
