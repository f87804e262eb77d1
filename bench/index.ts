import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './types';

/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named in BENCH_ONLY=a,b) one after another,
 * each against its own redis-server, and prints one summary table.
 */
const here = dirname(fileURLToPath(import.meta.url));
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.includes(basename(file, '.bench.ts')))
  .sort();

const rows: BenchRow[] = [];
const started = Date.now();
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const suiteStarted = Date.now();
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default: BenchSuite };
  const suiteRows = await module.default();
  rows.push(...suiteRows);
  console.log(`  done in ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
}

function fmt(value: number | undefined, digits = 2): string {
  if (value === undefined) return '';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits);
}

const header = ['suite', 'metric', 'value', 'unit', 'baseline', 'ratio', 'target', 'met', 'note'];
const table = rows.map((row) => [
  row.suite,
  row.metric,
  fmt(row.value),
  row.unit,
  fmt(row.baseline),
  fmt(row.ratio, 3),
  row.target ?? '',
  row.met === undefined ? '' : row.met ? 'yes' : 'NO',
  row.note ?? '',
]);
const widths = header.map((title, column) => Math.max(title.length, ...table.map((line) => (line[column] ?? '').length)));
const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' │ ');
console.log(`\nLookout benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
console.log(line(header));
console.log(widths.map((width) => '─'.repeat(width)).join('─┼─'));
for (const cells of table) console.log(line(cells));
process.exit(0);
