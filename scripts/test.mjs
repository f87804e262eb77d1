#!/usr/bin/env node
// `npm test`: typecheck, unit + integration tests (real redis-server on a free port), a production
// build, then end-to-end tests in Debian's Chromium. Ends with one "N passed, N failed" line and a
// non-zero exit code when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, '.lookout', 'test-results');
mkdirSync(resultsDir, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args) {
  console.log(`\n━━ ${label} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  console.log(`━━ ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function countVitest(label, file, ok) {
  if (!existsSync(file)) {
    failed += 1;
    failures.push(`${label}: no results were written`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!ok || report.numFailedTests > 0 || report.numTotalTests === 0) failures.push(label);
  if (!ok && report.numFailedTests === 0) failed += 1; // e.g. a suite that crashed before its tests ran
}

function vitest(label, config, output) {
  rmSync(output, { force: true });
  const ok = run(label, bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`]);
  countVitest(label, output, ok);
}

if (run('typecheck', bin('tsc'), ['--noEmit'])) passed += 1;
else {
  failed += 1;
  failures.push('typecheck');
}

vitest('unit + integration tests', 'vitest.config.ts', join(resultsDir, 'unit.json'));

if (run('production build', bin('next'), ['build'])) {
  passed += 1;
  vitest('end-to-end tests (Chromium)', 'vitest.e2e.config.ts', join(resultsDir, 'e2e.json'));
} else {
  failed += 1;
  failures.push('production build (end-to-end tests not run)');
}

console.log(`\n${failures.length ? `Failed: ${failures.join('; ')}` : 'All checks passed.'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
