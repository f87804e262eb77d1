import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startRedisServer } from '../../lib/redis/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** One redis-server for the whole run, on a free port: never the machine's own Redis on 6379. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-test-redis-'));
  const server = await startRedisServer({ dir, persist: false });
  project.provide('redisUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
