// Adds the platform-specific optional packages of other systems (macOS, Windows, ARM…) to
// package-lock.json when the registry this machine reaches does not serve them.
//
// Why: Next.js, Tailwind and others ship native binaries as optional dependencies, one
// package per platform. A registry mirror that only carries this platform's packages makes
// `npm install` leave the others out of the lockfile, and `npm ci` then refuses the lockfile
// as out of sync. The entries added here name the exact version the parent pins; npm skips
// them on platforms they do not fit, as it does for any optional dependency.
//
// Run after `npm install` changes dependencies: `node scripts/complete-lockfile.mjs`.
import fs from 'node:fs';
import path from 'node:path';

const file = path.resolve(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
const exactVersion = /^\d+\.\d+\.\d+(-[\w.]+)?$/;

/** Where Node would resolve `dep` from the package at `from`: nested first, then upwards. */
function resolves(from, dep) {
  let dir = from;
  for (;;) {
    if (packages[dir ? `${dir}/node_modules/${dep}` : `node_modules/${dep}`]) return true;
    if (!dir) return false;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at >= 0 ? dir.slice(0, at) : '';
  }
}

let added = 0;
for (const [at, meta] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    if (resolves(at, dep) || !exactVersion.test(spec)) continue;
    const target = packages[`node_modules/${dep}`] ? `${at}/node_modules/${dep}` : `node_modules/${dep}`;
    packages[target] = { version: spec, optional: true, ...(meta.dev ? { dev: true } : {}), ...(meta.devOptional ? { devOptional: true } : {}) };
    added++;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} optional platform package(s) added`);
