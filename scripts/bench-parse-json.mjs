#!/usr/bin/env node
// Times parseJson (JSON.parse + the position/duplicate-key walk) on a generated export of about 100 MB.
// Usage: node --expose-gc scripts/bench-parse-json.mjs [ROUNDS=5] [MB=100] [DIST_DIR=dist] [OTHER_DIST_DIR]
// With a second dist folder (e.g. a copy of dist/ built from another commit), the two are run in turns in one
// process (A B A B …), so that a shared machine's changing load falls on both alike; a bare JSON.parse of the
// same text runs in each round too, and "walk" is parseJson's time less that. Prints each round and medians.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const rounds = Number(process.argv[2] ?? 5);
const mb = Number(process.argv[3] ?? 100);
const dists = [process.argv[4] ?? 'dist', process.argv[5]].filter(Boolean).map((d) => path.resolve(d));
const parsers = await Promise.all(dists.map(async (d) => (await import(pathToFileURL(path.join(d, 'document/parse-json.js')).href)).parseJson));

function tenant(bytes) {
  const users = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    users.push({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      displayName: `User ${i} \u00e9`,
      userPrincipalName: `user${i}@contoso.example`,
      userType: i % 5 === 0 ? 'Guest' : 'Member',
      accountEnabled: i % 7 !== 0,
      createdDateTime: '2025-03-01T10:00:00Z',
      signInActivity: { lastSignInDateTime: i % 3 ? '2026-10-01T00:00:00Z' : null },
      groups: [`g-${i % 50}`, `g-${i % 13}`],
      // 30 keys: past the 24 at which duplicate detection moves to a Map.
      extensions: Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`attr${k}`, k])),
    });
    size += 910; // about the size of one user below, indented by one space
  }
  return JSON.stringify({ schemaVersion: 1, tenant: { id: 't', displayName: 'Contoso' }, users }, null, 1);
}

const text = tenant(mb * 1024 * 1024);
console.log(`${(text.length / 1024 / 1024).toFixed(1)} MB of JSON; ${dists.join(' vs ')}`);
const time = (f) => {
  globalThis.gc?.();
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const results = dists.map(() => ({ total: [], walk: [] }));
const bare = [];
for (let r = 0; r < rounds; r++) {
  const parse = time(() => JSON.parse(text));
  bare.push(parse);
  const line = [`round ${r + 1}: JSON.parse ${parse.toFixed(0)} ms`];
  parsers.forEach((parseJson, k) => {
    const total = time(() => parseJson('bench.json', text).locate(['users', 1000, 'signInActivity', 'lastSignInDateTime']));
    results[k].total.push(total);
    results[k].walk.push(total - parse);
    line.push(`${path.basename(path.dirname(dists[k]))}/${path.basename(dists[k])} ${total.toFixed(0)} ms`);
  });
  console.log(line.join(', '));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median JSON.parse ${median(bare).toFixed(0)} ms`);
dists.forEach((d, k) => console.log(`median ${d}: parseJson ${median(results[k].total).toFixed(0)} ms, walk (less JSON.parse of the round) ${median(results[k].walk).toFixed(0)} ms`));
