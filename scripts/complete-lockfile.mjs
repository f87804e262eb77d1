#!/usr/bin/env node
// The npm registry mirror this project is developed against serves only the Linux builds of packages with
// per-platform optional dependencies (next's swc, tailwind's oxide, msgpackr-extract). `npm install` then
// leaves the other platforms out of package-lock.json and `npm ci` refuses the lock as out of sync.
// This adds those entries, marked optional with their os/cpu, so npm skips them on a platform mismatch.
// Run it after every `npm install` that changes package-lock.json.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'win32', 'freebsd', 'android', 'linux', 'openbsd', 'sunos', 'aix', 'netbsd'];
const CPU = { arm64: 'arm64', x64: 'x64', arm: 'arm', ia32: 'ia32', wasm32: 'wasm32', gnueabihf: 'arm', riscv64: 'riscv64', s390x: 's390x', ppc64: 'ppc64', loong64: 'loong64' };

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.map((part) => CPU[part]).find(Boolean);
  return { os, cpu };
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const candidates = [`${location ? `${location}/` : ''}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((candidate) => packages[candidate])) continue;
    const { os, cpu } = platformOf(name);
    if (!os && !cpu) continue; // not a per-platform build: leave it to npm
    packages[`node_modules/${name}`] = {
      version: spec.replace(/^[\^~=]/, ''),
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
    };
    added++;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
