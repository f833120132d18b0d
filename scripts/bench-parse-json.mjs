#!/usr/bin/env node
// Times parseJson (JSON.parse + the position/duplicate-key walk) on a generated export of about 100 MB.
// Usage: node scripts/bench-parse-json.mjs [DIST_DIR=dist] [RUNS=7] [MB=100]
// Prints every run and the median. On a shared machine, compare medians of runs made one after the other.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(process.argv[2] ?? 'dist');
const runs = Number(process.argv[3] ?? 7);
const mb = Number(process.argv[4] ?? 100);
const { parseJson } = await import(pathToFileURL(path.join(dist, 'document/parse-json.js')).href);

function tenant(bytes) {
  const users = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const user = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      displayName: `User ${i} \\u00e9`,
      userPrincipalName: `user${i}@contoso.example`,
      userType: i % 5 === 0 ? 'Guest' : 'Member',
      accountEnabled: i % 7 !== 0,
      createdDateTime: '2025-03-01T10:00:00Z',
      signInActivity: { lastSignInDateTime: i % 3 ? '2026-10-01T00:00:00Z' : null },
      groups: [`g-${i % 50}`, `g-${i % 13}`],
      extensions: Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`attr${k}`, k])),
    };
    users.push(user);
    size += 520;
  }
  return JSON.stringify({ schemaVersion: 1, tenant: { id: 't', displayName: 'Contoso' }, users }, null, 1);
}

const text = tenant(mb * 1024 * 1024);
console.log(`${(text.length / 1024 / 1024).toFixed(1)} MB of JSON, ${dist}`);
const times = [];
for (let r = 0; r < runs; r++) {
  globalThis.gc?.();
  const t0 = performance.now();
  const parsed = parseJson('bench.json', text);
  parsed.locate(['users', 1000, 'signInActivity', 'lastSignInDateTime']);
  times.push(performance.now() - t0);
  console.log(`run ${r + 1}: ${times.at(-1).toFixed(0)} ms`);
}
times.sort((a, b) => a - b);
console.log(`median ${times[Math.floor(times.length / 2)].toFixed(0)} ms`);
