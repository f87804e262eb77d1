import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Benchmarks that start the dashboard need a production build; make one when there is none. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(join(ROOT, '.next', 'BUILD_ID'))) return;
  console.log('  building the dashboard first (next build)…');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('next build failed');
}
