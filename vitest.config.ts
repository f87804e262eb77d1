import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['{lib,components,cli,workers}/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/setup/redis.global.ts'],
    pool: 'forks',
    // Route tests act as the local admin unless a test configures users or tokens itself.
    env: { LOOKOUT_AUTH: 'none' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
