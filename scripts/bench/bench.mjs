#!/usr/bin/env node
// Scan benchmark: `npm run bench` (= npm run build && node --expose-gc scripts/bench/bench.mjs).
//
//   node --expose-gc scripts/bench/bench.mjs [--sizes 10000,100000 | --tiers enterprise] [--jobs N] [--skip-opa]
//        [--seed S] [--keep] [--load-only]
//        (--tiers enterprise = --sizes 10000,100000,300000,1000000; --jobs: the worker count compared with
//         --jobs 1, default the machine's cores, at least 2)
//        [--bundle FILE.tar.gz --policies DIR]   (what-if: another WASM bundle, and the Rego it was built from for opa)
//        [--timeout SECONDS]                      (per measurement, default 1800; a measurement that times out or
//                                                  crashes is reported as such and the others still run)
//   node scripts/bench/bench.mjs --report .bench/last.json   (the table and targets of a saved run, measuring nothing)
//
// For each size (users; flows = users/5, groups = users/50, environments = 20, apps = users/20) it generates a
// tenant (JSON) into a temp dir, then, each in a fresh Node process so peak RSS is that measurement's alone:
//   1. floor:  read + JSON.parse of the same files;
//   2. phases: discover+read+parse, validate, merge, normalise, engine load, setData, evaluate, findings, timed apart
//              with dist/ stage functions (a GC before each phase);
//   3. scan:   the end-to-end scan() from dist/scan.js with { jobs: N }, wall time and peak RSS, and again with
//              { jobs: 1 }: the evaluate phase's speed-up ("n/a" when the scan did not shard, i.e. ignored jobs);
//   4. dump:   load + normalise only, writing {"tenant": …} to data.json and the scan's input to input.json;
// and 5. `opa eval` (Go) on the same Rego and that data, wall time and peak RSS. Simulate, the full re-scan
// reference, dump and opa eval run only up to 100,000 users (their targets are set there; at 1M users each
// would add tens of minutes). The tenant is written to disk as it is generated (generate.mjs), never held
// as one string. --load-only measures generation, the floor and loading (read … normalise) with the RSS after
// each phase and each phase's own peak: where the memory of a large export goes.
// Prints one table with the sizes side by side, ratios and PASS/MISS targets (not asserted), and writes
// .bench/last.json. Temp dirs are removed at the end (unless --keep).

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AS_OF, generateTenant } from './generate.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.mjs', import.meta.url));
const MIB = 1024 * 1024;
const TARGET_SIZE = 100000;
const TARGET_TOTAL_MS = 10000;
const TARGET_RSS = 2 * 1024 * MIB;
const LINEARITY_TOLERANCE = 1.1;
// Issue 17 (enterprise scale): 1M users / 200k flows with peak RSS under 8 GiB and time ≤ 12× the 100k time;
// 100k ≤ 15× a bare JSON.parse of the same files; --jobs 2 ≥ 1.5× faster than --jobs 1 on evaluation.
const ENTERPRISE_SIZE = 1000000;
const ENTERPRISE_RSS = 8 * 1024 * MIB;
const ENTERPRISE_TIME_VS_100K = 12;
const FLOOR_RATIO_100K = 15;
const JOBS_SPEEDUP = 1.5;
const EXTRAS_MAX_SIZE = 100000;
// Issue 17: simulating 200 changes on a tenant past one instance (each change gets documents of its own,
// simulate/closure-step.ts) costs at most 3× one scan of it (both whole runs: load included).
const SIMULATE_LARGE_VS_SCAN = 3;
const CHANGES_CHILD = path.join(ROOT, 'scripts/bench/child-changes.mjs');
const TIERS = { enterprise: [10000, 100000, 300000, 1000000] };

// ---------------------------------------------------------------------------------------------------- args

function parseArgs(argv) {
  const o = { sizes: [10000, 100000], jobs: Math.max(2, os.availableParallelism()), skipOpa: false, seed: 1, keep: false, bundle: undefined, policies: path.join(ROOT, 'policies'), timeoutS: 1800 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--sizes') o.sizes = value().split(',').map((s) => Number(s.trim()));
    else if (flag === '--tiers') {
      const name = value();
      if (!TIERS[name]) throw new Error(`--tiers takes ${Object.keys(TIERS).join(', ')}`);
      o.sizes = TIERS[name];
    } else if (flag === '--jobs') o.jobs = Number(value());
    else if (flag === '--load-only') o.loadOnly = true;
    else if (flag === '--skip-opa') o.skipOpa = true;
    else if (flag === '--seed') o.seed = Number(value());
    else if (flag === '--keep') o.keep = true;
    else if (flag === '--bundle') o.bundle = path.resolve(value());
    else if (flag === '--policies') o.policies = path.resolve(value());
    else if (flag === '--timeout') o.timeoutS = Number(value());
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run bench -- [--sizes 10000,100000 | --tiers enterprise (10000,100000,300000,1000000)] [--jobs N, default cores, at least 2] [--load-only] [--skip-opa] [--seed S] [--keep] [--bundle FILE.tar.gz --policies DIR] [--timeout SECONDS per measurement, default 1800]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!o.sizes.length || o.sizes.some((n) => !Number.isInteger(n) || n < 50)) throw new Error('--sizes takes integers >= 50, comma-separated');
  if (!Number.isInteger(o.jobs) || o.jobs < 2) throw new Error('--jobs takes an integer >= 2 (it is compared with --jobs 1)');
  return o;
}

// ---------------------------------------------------------------------------------------------------- children

function runChild(args, o, script = CHILD) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, BENCH_BUNDLE: o.bundle, ...(o.manifest ? { BENCH_MANIFEST: o.manifest } : {}) };
    const p = spawn(process.execPath, ['--expose-gc', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    let timedOut = false;
    const t0 = performance.now();
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, o.timeoutS * 1000);
    p.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('BENCH-RESULT '));
      const ms = performance.now() - t0;
      if (timedOut) reject(Object.assign(new Error(`timed out after ${o.timeoutS} s`), { short: `timeout >${o.timeoutS} s`, ms }));
      else if (code !== 0 || !line) {
        const first = (err || out).split('\n').find((l) => /Error|error:/.test(l))?.trim() ?? `exit ${code}`;
        reject(Object.assign(new Error(`child ${args[0]} failed (exit ${code}) after ${fmtMs(ms)}: ${first}\n${(err || out).slice(0, 4000)}`), { ms }));
      } else resolve(JSON.parse(line.slice('BENCH-RESULT '.length)));
    });
  });
}

function findOpa() {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/ensure-opa.sh')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/ensure-opa.sh failed: ${r.stderr.trim()}`);
  const opa = r.stdout.trim().split('\n').pop();
  const version = spawnSync(opa, ['version'], { encoding: 'utf8' }).stdout.match(/^Version: (.*)$/m)?.[1] ?? '?';
  const help = spawnSync(opa, ['eval', '--help'], { encoding: 'utf8' }).stdout;
  return { opa, version, ignore: /--ignore\b/.test(help) };
}

/** Peak RSS of a child by polling /proc/PID/status (VmHWM), for when /usr/bin/time is missing. */
function pollHwm(pid, state) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    if (m) state.kb = Math.max(state.kb, Number(m[1]));
  } catch {
    /* exited */
  }
}

async function runOpa(tool, work, policies, o) {
  const out = path.join(work, 'opa-out.json');
  const timeFile = path.join(work, 'opa-time.txt');
  const opaArgs = ['eval', '--data', policies, ...(tool.ignore ? ['--ignore', '*_test.rego'] : []),
    '--data', path.join(work, 'data.json'), '--input', path.join(work, 'input.json'), '--format', 'json', '--metrics',
    'data.shareguard.main.result'];
  const useTime = fs.existsSync('/usr/bin/time');
  const [cmd, args] = useTime ? ['/usr/bin/time', ['-f', '%M', '-o', timeFile, tool.opa, ...opaArgs]] : [tool.opa, opaArgs];
  const fd = fs.openSync(out, 'w');
  const hwm = { kb: 0 };
  const t0 = performance.now();
  let timedOut = false;
  let err = '';
  const code = await new Promise((resolve) => {
    // Its own process group, so a timeout ends opa too and not only /usr/bin/time.
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], detached: true });
    p.stderr.on('data', (d) => (err += d));
    const timer = useTime ? undefined : setInterval(() => pollHwm(p.pid, hwm), 20);
    const kill = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        p.kill('SIGKILL');
      }
    }, o.timeoutS * 1000);
    p.on('close', (c) => {
      clearInterval(timer);
      clearTimeout(kill);
      resolve(c);
    });
  });
  const ms = performance.now() - t0;
  fs.closeSync(fd);
  if (timedOut) throw Object.assign(new Error(`opa eval timed out after ${o.timeoutS} s`), { short: `timeout >${o.timeoutS} s`, ms });
  if (code !== 0) throw Object.assign(new Error(`opa eval failed (exit ${code}): ${err.slice(0, 2000)}`), { short: `failed: exit ${code}`, ms });
  if (useTime) hwm.kb = Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
  const value = doc.result?.[0]?.expressions?.[0]?.value;
  const metric = (name) => (doc.metrics?.[name] ?? NaN) / 1e6;
  return {
    ms,
    maxRssBytes: hwm.kb * 1024,
    rssSource: useTime ? '/usr/bin/time' : '/proc VmHWM polling',
    rawFindings: value?.findings?.length ?? NaN,
    notEvaluated: value?.notEvaluated?.length ?? NaN,
    metrics: {
      loadFilesMs: metric('timer_rego_load_files_ns'), // reading + parsing data.json and the .rego files
      compileMs: metric('timer_rego_module_compile_ns') + metric('timer_rego_query_parse_ns') + metric('timer_rego_query_compile_ns'),
      evalMs: metric('timer_rego_query_eval_ns'),
      all: doc.metrics,
    },
  };
}

// ---------------------------------------------------------------------------------------------------- run

const notes = [];

async function benchSize(size, o, tool) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `shareguard-bench-${size}-`));
  const dir = path.join(work, 'export');
  const r = { size };
  try {
    const t0 = performance.now();
    const gen = generateTenant({ out: dir, users: size, seed: o.seed, format: 'json' });
    r.generate = { ms: performance.now() - t0, counts: gen.counts, files: gen.files.length, bytes: gen.bytes };
    log(`  ${size}: generated ${gen.files.length} files, ${fmtMiB(gen.bytes)} in ${fmtMs(r.generate.ms)}`);
    // A measurement that fails is recorded ({ error, short }) and the others still run.
    const attempt = async (name, fn, done) => {
      try {
        r[name] = await fn();
        log(`  ${size}: ${done(r[name])}`);
      } catch (e) {
        // The table shows a short tag; the first line of the error is printed under the table as a numbered note.
        notes.push(`${fmtN(size)} users, ${name}: ${e.message.split('\n')[0]}`);
        r[name] = { error: e.message, short: e.short ?? `failed [${notes.length}]`, ms: e.ms };
        log(`  ${size}: ${name} ${r[name].short}\n${e.message.split('\n').slice(0, 12).map((l) => `      ${l}`).join('\n')}`);
      }
    };
    await attempt('floor', () => runChild(['floor', dir], o), (x) => `JSON.parse floor ${fmtMs(x.ms)}`);
    if (o.loadOnly) {
      await attempt('load', () => runChild(['load', dir, AS_OF], o), (x) => `load ${fmtMs(sum(Object.values(x.times)))}, peak RSS ${fmtMiB(x.maxRssBytes)}`);
      return r;
    }
    // The staged phases put the whole tenant in one instance, which the scan itself does only up to 128 MiB of
    // objects (about 120,000 users): past the one-instance size they would fail in setData (opa_malloc), so
    // they are not run there and the table says so.
    if (size <= EXTRAS_MAX_SIZE) await attempt('phases', () => runChild(['phases', dir, AS_OF], o), (x) => `staged phases ${fmtMs(sum(Object.values(x.times)))}`);
    else r.phases = { error: 'past one instance', short: 'n/a (one instance)' };
    await attempt('scan', () => runChild(['scan', dir, AS_OF, String(o.jobs)], o), (x) => `scan() --jobs ${o.jobs} ${fmtMs(x.ms)}, ${x.findings} findings${x.sharded ? '' : ' (not sharded: jobs not honoured)'}`);
    await attempt('scan1', () => runChild(['scan', dir, AS_OF, '1'], o), (x) => `scan() --jobs 1 ${fmtMs(x.ms)}, evaluation ${fmtMs(evaluation(x))}`);
    if (size > EXTRAS_MAX_SIZE) {
      // Past the one-instance size, simulate is measured as 200 changes with documents of their own.
      await attempt('simulateLarge', () => runChild(['simulate-large', dir, AS_OF, String(o.jobs)], o, CHANGES_CHILD), (x) =>
        `simulate 200 changes${x.perChange ? ' (documents per change)' : ' (one instance)'}: ${fmtMs(x.ms)} in all, p50 ${fmtMs(x.p50Ms)}${r.scan && !r.scan.short ? `, ${fmtX(x.ms / r.scan.ms)} one scan` : ''}`);
      log(`  ${size}: re-scan, dump and opa eval run up to ${fmtN(EXTRAS_MAX_SIZE)} users only`);
      return r;
    }
    await attempt('simulate', () => runChild(['simulate', dir, AS_OF], o), (x) => `simulate ${x.changes} changes, p50 ${fmtMs(x.p50Ms)}, ${x.changesPerSecond.toFixed(0)} changes/s`);
    await attempt('rescan', () => runChild(['simulate-rescan', dir, AS_OF], o), (x) => `simulate by full re-scan: ${fmtMs(x.perChangeMs)} per change`);
    if (!o.skipOpa) {
      await attempt('dump', () => runChild(['dump', dir, AS_OF, work], o), (x) => `data.json ${fmtMiB(x.dataBytes)}`);
      if (!r.dump.short) await attempt('opa', () => runOpa(tool, work, o.policies, o), (x) => `opa eval ${fmtMs(x.ms)}, ${x.rawFindings} findings`);
      else r.opa = { error: 'no data.json', short: 'not run: no data.json' };
    }
  } finally {
    if (o.keep) log(`  kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  return r;
}

function log(s) {
  process.stderr.write(`${s}\n`);
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const fmtMs = (ms) => (Number.isFinite(ms) ? (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`) : '—');
const fmtMiB = (b) => (Number.isFinite(b) ? `${(b / MIB).toFixed(b < 10 * MIB ? 1 : 0)} MiB` : '—');
const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)}×` : '—');
const fmtN = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '—');

function table(results, o) {
  const cols = results.map((r) => `${fmtN(r.size)} users`);
  const rows = [];
  const section = (title) => rows.push({ title });
  // A cell whose measurement failed shows why (timeout, crash) instead of a number.
  const failure = (r) => (k) => r[k]?.short;
  const prevFailed = (i, keys) => i > 0 && keys.some((k) => results[i - 1][k]?.short) ? 'base failed' : undefined;
  const row = (label, f, needs = []) =>
    rows.push({ label, cells: results.map((r, i) => { const bad = needs.map(failure(r)).find(Boolean) ?? prevFailed(i, needs); if (bad) return bad; try { return f(r, i) ?? '—'; } catch { return '—'; } }) });
  const pct = (ms, r) => `${fmtMs(ms)} ${`(${((100 * ms) / sumPhases(r)).toFixed(0)}%)`.padStart(6)}`;

  section('tenant');
  row('users / guests', (r) => `${fmtN(r.generate.counts.users)} / ${fmtN(r.generate.counts.guests)}`);
  row('groups / environments', (r) => `${fmtN(r.generate.counts.groups)} / ${r.generate.counts.environments}`);
  row('flows / apps', (r) => `${fmtN(r.generate.counts.flows)} / ${fmtN(r.generate.counts.apps)}`);
  row('files, size', (r) => `${r.generate.files}, ${fmtMiB(r.generate.bytes)}`);
  row('generate', (r) => fmtMs(r.generate.ms));
  section('floor (fresh process)');
  row('read + JSON.parse', (r) => fmtMs(r.floor.ms), ['floor']);
  row('peak RSS', (r) => fmtMiB(r.floor.maxRssBytes), ['floor']);
  section('scan phases (fresh process, GC between phases)');
  const P = [['parse', 'discover+read+parse'], ['validate', 'validate (schema)'], ['merge', 'merge'], ['normalise', 'normalise'],
    ['engineLoad', 'engine load'], ['setData', 'setData'], ['evaluate', 'evaluate'], ['findings', 'findings']];
  for (const [k, label] of P) row(label, (r) => pct(r.phases.times[k], r), ['phases']);
  row('sum of phases', (r) => fmtMs(sumPhases(r)), ['phases']);
  row('peak RSS', (r) => fmtMiB(r.phases.maxRssBytes), ['phases']);
  // Where memory goes: RSS after each phase (what stays) and the phase's own peak (VmHWM reset before it).
  for (const [k, label] of P) row(`  RSS after / peak: ${label}`, (r) => `${fmtMiB(r.phases.rssAfter[k])} / ${fmtMiB(r.phases.peakRss?.[k])}`, ['phases']);
  // The slowest controls of the largest size that ran, with their time at every size.
  const ranPhases = results.filter((r) => r.phases && !r.phases.short && Object.keys(r.phases.controlMs ?? {}).length);
  if (ranPhases.length) {
    const top = Object.entries(ranPhases.at(-1).phases.controlMs).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id]) => id);
    for (const id of top) row(`  evaluate: ${id}`, (r) => (r.phases.controlMs?.[id] === undefined ? '—' : pct(r.phases.controlMs[id], r)), ['phases']);
  }
  section(`end-to-end scan() (fresh process), --jobs ${o.jobs}`);
  row('total wall', (r) => fmtMs(r.scan.ms), ['scan']);
  row('  load (read…merge+normalise)', (r) => fmtMs(r.scan.phases.load), ['scan']);
  row('  engine / setData', (r) => `${fmtMs(r.scan.phases.engine)} / ${fmtMs(r.scan.phases.setData)}`, ['scan']);
  row('  evaluate / findings', (r) => `${fmtMs(r.scan.phases.evaluate)} / ${fmtMs(r.scan.phases.findings)}`, ['scan']);
  row('module import (not in total)', (r) => fmtMs(r.scan.importMs), ['scan']);
  row('peak RSS', (r) => fmtMiB(r.scan.maxRssBytes), ['scan']);
  row('findings (final, deduplicated)', (r) => fmtN(r.scan.findings), ['scan']);
  section(`--jobs ${o.jobs} vs --jobs 1 (evaluation stage: setData + evaluate)`);
  row('jobs honoured (sharded scan)', (r) => (r.scan.sharded ? 'yes' : 'no'), ['scan']);
  row('total wall --jobs 1', (r) => fmtMs(r.scan1.ms), ['scan1']);
  row('peak RSS --jobs 1', (r) => fmtMiB(r.scan1.maxRssBytes), ['scan1']);
  row(`evaluation --jobs 1 / --jobs ${o.jobs}`, (r) => `${fmtMs(evaluation(r.scan1))} / ${fmtMs(evaluation(r.scan))}`, ['scan', 'scan1']);
  row('evaluate speed-up', (r) => jobsSpeedup(r), ['scan', 'scan1']);
  row('evaluate CPU / wall (cores busy)', (r) => `${r.scan.evalParallelism.toFixed(2)} / ${r.scan1.evalParallelism.toFixed(2)}`, ['scan', 'scan1']);
  row('findings --jobs N = --jobs 1', (r) => (r.scan.findings === r.scan1.findings ? 'same count' : `DIFFER ${fmtN(r.scan.findings)} vs ${fmtN(r.scan1.findings)}`), ['scan', 'scan1']);
  section('simulate (fresh process; one load, then each change patches the engine and re-checks what it touches)');
  row('load tenant / engine setup (once)', (r) => `${fmtMs(r.simulate.loadMs)} / ${fmtMs(r.simulate.setupMs)}`, ['simulate']);
  row('changes (applied / moved findings)', (r) => `${r.simulate.changes} (${r.simulate.applied} / ${r.simulate.moved})`, ['simulate']);
  row('per change p50 / p95 / max', (r) => `${fmtMs(r.simulate.p50Ms)} / ${fmtMs(r.simulate.p95Ms)} / ${fmtMs(r.simulate.maxMs)}`, ['simulate']);
  row('changes per second', (r) => r.simulate.changesPerSecond.toFixed(r.simulate.changesPerSecond < 10 ? 2 : 0), ['simulate']);
  row('settings change (whole controls)', (r) => fmtMs(r.simulate.settingsPerChangeMs), ['simulate']);
  row('full re-scan per change (reference)', (r) => fmtMs(r.rescan.perChangeMs), ['rescan']);
  section('simulate past one instance (200 changes, documents per change; sizes above 100k)');
  row('documents per change', (r) => (r.simulateLarge.perChange ? 'yes' : 'no (one instance)'), ['simulateLarge']);
  row('load / setup / 200 changes', (r) => `${fmtMs(r.simulateLarge.loadMs)} / ${fmtMs(r.simulateLarge.setupMs)} / ${fmtMs(r.simulateLarge.changesMs)}`, ['simulateLarge']);
  row('per change p50 / p95 / max', (r) => `${fmtMs(r.simulateLarge.p50Ms)} / ${fmtMs(r.simulateLarge.p95Ms)} / ${fmtMs(r.simulateLarge.maxMs)}`, ['simulateLarge']);
  row('whole run vs one scan (≤ 3×)', (r) => `${fmtX(r.simulateLarge.ms / r.scan.ms)}: ${fmtMs(r.simulateLarge.ms)} vs ${fmtMs(r.scan.ms)}`, ['simulateLarge', 'scan']);
  row('peak RSS (simulate)', (r) => fmtMiB(r.simulateLarge.maxRssBytes), ['simulateLarge']);
  row('speed-up vs full re-scan', (r) => fmtX(r.rescan.perChangeMs / r.simulate.perChangeMs), ['simulate', 'rescan']);
  row('peak RSS', (r) => fmtMiB(r.simulate.maxRssBytes), ['simulate']);
  if (!o.skipOpa) {
    section('opa eval (Go), same Rego + normalised data');
    row('data.json size', (r) => fmtMiB(r.dump.dataBytes), ['dump']);
    row('total wall', (r) => fmtMs(r.opa.ms), ['opa']);
    row('  load+parse files (--metrics)', (r) => fmtMs(r.opa.metrics.loadFilesMs), ['opa']);
    row('  compile (--metrics)', (r) => fmtMs(r.opa.metrics.compileMs), ['opa']);
    row('  query eval (--metrics)', (r) => fmtMs(r.opa.metrics.evalMs), ['opa']);
    row('peak RSS', (r) => fmtMiB(r.opa.maxRssBytes), ['opa']);
    row('findings: WASM raw / opa', (r) => `${fmtN(r.phases.rawFindings)} / ${fmtN(r.opa.rawFindings)} ${r.phases.rawFindings === r.opa.rawFindings ? 'match' : 'DIFFER'}`, ['phases', 'opa']);
  }
  section('ratios');
  row('scan total / JSON.parse floor', (r) => fmtX(r.scan.ms / r.floor.ms), ['floor', 'scan']);
  row('phases w/o engine / floor', (r) => fmtX((r.phases.times.parse + r.phases.times.validate + r.phases.times.merge + r.phases.times.normalise) / r.floor.ms), ['floor', 'phases']);
  if (!o.skipOpa) {
    row('WASM evaluate / opa eval wall', (r) => fmtX(r.phases.times.evaluate / r.opa.ms), ['phases', 'opa']);
    row('WASM evaluate / opa query eval', (r) => fmtX(r.phases.times.evaluate / r.opa.metrics.evalMs), ['phases', 'opa']);
    row('scan total / opa eval wall', (r) => fmtX(r.scan.ms / r.opa.ms), ['scan', 'opa']);
  }
  row('growth: scan total vs size', (r, i) => (i === 0 ? 'base' : `${fmtX(r.scan.ms / results[i - 1].scan.ms)} vs ${fmtX(r.size / results[i - 1].size)}`), ['scan']);
  row('growth: evaluate vs size', (r, i) => (i === 0 ? 'base' : `${fmtX(r.phases.times.evaluate / results[i - 1].phases.times.evaluate)} vs ${fmtX(r.size / results[i - 1].size)}`), ['phases']);

  const labelW = Math.max(...rows.filter((x) => x.label).map((x) => x.label.length)) + 2;
  const colW = results.map((_, i) => Math.max(cols[i].length, ...rows.filter((x) => x.cells).map((x) => x.cells[i].length)) + 2);
  const lines = [];
  lines.push(''.padEnd(labelW) + cols.map((c, i) => c.padStart(colW[i])).join(''));
  for (const x of rows) {
    if (x.title) lines.push(`-- ${x.title} `.padEnd(Math.max(labelW + sum(colW), x.title.length + 6), '-'));
    else lines.push(`  ${x.label}`.padEnd(labelW) + x.cells.map((c, i) => c.padStart(colW[i])).join(''));
  }
  return lines.join('\n');
}

/** The evaluate phase's speed-up of --jobs N over --jobs 1, or why there is none. */
function jobsSpeedup(r) {
  const bad = ['scan', 'scan1'].map((k) => (!r[k] ? 'not run' : r[k].short)).find(Boolean);
  if (bad) return bad;
  if (!r.scan.sharded) return 'n/a (scan() did not shard: jobs not honoured)';
  return fmtX(evaluation(r.scan1) / evaluation(r.scan));
}

/**
 * The evaluation stage of an end-to-end scan: setting the data and evaluating. A scan that shards sets each
 * shard's data within its evaluate phase; one that does not (--jobs 1 on a tenant that fits one instance)
 * has a setData phase of its own, counted here so that both sides do the same work.
 */
function evaluation(scan) {
  return (scan.phases.setData ?? 0) + scan.phases.evaluate;
}

/** --load-only: generation, the JSON.parse floor and loading (read … normalise), with memory per phase. */
function loadTable(results) {
  const lines = [];
  const cell = (r, f) => {
    try {
      return r.load?.short ?? f(r);
    } catch {
      return '—';
    }
  };
  const rows = [
    ['files, size', (r) => `${r.generate.files}, ${fmtMiB(r.generate.bytes)}`],
    ['generate', (r) => fmtMs(r.generate.ms)],
    ['read + JSON.parse (floor)', (r) => `${fmtMs(r.floor.ms)}, peak ${fmtMiB(r.floor.maxRssBytes)}`],
    ...['parse', 'validate', 'merge', 'normalise'].map((k) => [`${k}: time, RSS after / peak`, (r) => `${fmtMs(r.load.times[k])}, ${fmtMiB(r.load.rssAfter[k])} / ${fmtMiB(r.load.peakRss?.[k])}`]),
    ['load total / floor', (r) => `${fmtMs(sum(Object.values(r.load.times)))} (${fmtX(sum(Object.values(r.load.times)) / r.floor.ms)})`],
    ['peak RSS (load)', (r) => `${fmtMiB(r.load.maxRssBytes)} (${fmtX(r.load.maxRssBytes / r.generate.bytes)} the export)`],
  ];
  const cells = rows.map(([label, f]) => [label, results.map((r) => cell(r, f))]);
  const labelW = Math.max(...rows.map(([l]) => l.length)) + 4;
  const colW = results.map((r, i) => Math.max(`${fmtN(r.size)} users`.length, ...cells.map(([, c]) => c[i].length)) + 2);
  lines.push(''.padEnd(labelW) + results.map((r, i) => `${fmtN(r.size)} users`.padStart(colW[i])).join(''));
  for (const [label, c] of cells) lines.push(`  ${label}`.padEnd(labelW) + c.map((x, i) => x.padStart(colW[i])).join(''));
  return lines.join('\n');
}

function sumPhases(r) {
  return sum(Object.values(r.phases.times));
}

function targets(results, o) {
  const out = [];
  const t = (ok, text) => out.push({ pass: ok === null ? null : !!ok, text });
  const ok = (r, ...keys) => keys.every((k) => r[k] && !r[k].short);
  const shown = (r, k, v) => (ok(r, k) ? v : r[k]?.short ?? 'not run');
  const big = results.find((r) => r.size === TARGET_SIZE);
  t(big ? ok(big, 'scan') && big.scan.ms < TARGET_TOTAL_MS : null, big
    ? `100k users + ${fmtN(big.generate.counts.flows)} flows: scan total ${shown(big, 'scan', fmtMs(big.scan.ms))} < ${TARGET_TOTAL_MS / 1000} s`
    : `100k users + 20k flows total < 10 s: not measured (add ${TARGET_SIZE} to --sizes)`);
  t(big ? ok(big, 'simulate') && big.simulate.changesPerSecond >= 200 && big.simulate.p50Ms < 5 : null, big
    ? `100k users: simulate ≥ 200 changes/s, p50 < 5 ms (${shown(big, 'simulate', `${big.simulate?.changesPerSecond?.toFixed(0)} changes/s, p50 ${fmtMs(big.simulate?.p50Ms)}`)})`
    : `simulate ≥ 200 changes/s at 100k: not measured (add ${TARGET_SIZE} to --sizes)`);
  t(big ? ok(big, 'simulate', 'rescan') && big.rescan.perChangeMs / big.simulate.perChangeMs >= 100 : null, big
    ? `100k users: simulate ≥ 100× the full re-scan (${shown(big, 'rescan', fmtX(big.rescan?.perChangeMs / big.simulate?.perChangeMs))})`
    : `simulate ≥ 100× full re-scan at 100k: not measured`);
  if (!o.skipOpa) {
    // opa eval runs up to EXTRAS_MAX_SIZE only: the sizes above have no r.opa (nor staged phases) to compare.
    const withOpa = results.filter((r) => r.size <= EXTRAS_MAX_SIZE);
    for (const r of withOpa) t(ok(r, 'scan', 'opa') && r.scan.ms < r.opa.ms, `${fmtN(r.size)} users: faster than opa eval (scan ${shown(r, 'scan', fmtMs(r.scan?.ms))} vs opa ${shown(r, 'opa', fmtMs(r.opa?.ms))})`);
    for (const r of withOpa) t(ok(r, 'phases', 'opa') && r.phases.rawFindings === r.opa.rawFindings, `${fmtN(r.size)} users: same findings as opa eval (${shown(r, 'phases', fmtN(r.phases?.rawFindings))} vs ${shown(r, 'opa', fmtN(r.opa?.rawFindings))})`);
  } else t(null, 'faster than opa eval: skipped (--skip-opa)');
  // The 2 GiB target is set at 100k users; the enterprise tiers have their own (8 GiB at 1M).
  const upTo100k = results.filter((r) => r.size <= TARGET_SIZE);
  const peaks = upTo100k.flatMap((r) => ['scan', 'phases'].filter((k) => ok(r, k)).map((k) => r[k].maxRssBytes));
  const allRan = upTo100k.every((r) => ok(r, 'scan', 'phases'));
  const peak = Math.max(...peaks);
  if (upTo100k.length) t(allRan && peak < TARGET_RSS, `peak RSS ${fmtMiB(peak)} < 2048 MiB (largest of scan() and staged run, sizes up to 100k)${allRan ? '' : ' — some runs failed'}`);
  t(big ? ok(big, 'scan', 'floor') && big.scan.ms <= FLOOR_RATIO_100K * big.floor.ms : null, big
    ? `100k users: scan ≤ ${FLOOR_RATIO_100K}× a bare JSON.parse of the same files (${ok(big, 'scan', 'floor') ? `${fmtX(big.scan.ms / big.floor.ms)}: ${fmtMs(big.scan.ms)} vs ${fmtMs(big.floor.ms)}` : 'not measured'})`
    : `100k ≤ ${FLOOR_RATIO_100K}× JSON.parse: not measured (add ${TARGET_SIZE} to --sizes)`);
  const ent = results.find((r) => r.size === ENTERPRISE_SIZE);
  // The scan's own runs (--jobs N and --jobs 1): the staged phases put the tenant in one instance, which a
  // 1M-user scan never does (and cannot).
  const entPeak = (r) => Math.max(...['scan', 'scan1'].filter((k) => ok(r, k)).map((k) => r[k].maxRssBytes));
  t(ent ? ok(ent, 'scan', 'scan1') && entPeak(ent) < ENTERPRISE_RSS : null, ent
    ? `1M users + ${fmtN(ent.generate.counts.flows)} flows: peak RSS ${ok(ent, 'scan', 'scan1') ? fmtMiB(entPeak(ent)) : ent.scan?.short ?? ent.scan1?.short} < 8192 MiB (scan() --jobs ${o.jobs} and --jobs 1)`
    : 'peak RSS < 8 GiB at 1M users: not measured (--tiers enterprise)');
  t(ent && big ? ok(ent, 'scan') && ok(big, 'scan') && ent.scan.ms <= ENTERPRISE_TIME_VS_100K * big.scan.ms : null, ent && big
    ? `1M users: scan ≤ ${ENTERPRISE_TIME_VS_100K}× the 100k scan (${ok(ent, 'scan') && ok(big, 'scan') ? `${fmtX(ent.scan.ms / big.scan.ms)}: ${fmtMs(ent.scan.ms)} vs ${fmtMs(big.scan.ms)}` : 'not measured'})`
    : `1M ≤ ${ENTERPRISE_TIME_VS_100K}× 100k: not measured (--tiers enterprise)`);
  for (const r of results.filter((x) => x.size > EXTRAS_MAX_SIZE)) {
    t(ok(r, 'simulateLarge', 'scan') ? r.simulateLarge.ms <= SIMULATE_LARGE_VS_SCAN * r.scan.ms : false,
      `${fmtN(r.size)} users: simulating 200 changes ≤ ${SIMULATE_LARGE_VS_SCAN}× one scan (${ok(r, 'simulateLarge', 'scan') ? `${fmtX(r.simulateLarge.ms / r.scan.ms)}: ${fmtMs(r.simulateLarge.ms)} vs ${fmtMs(r.scan.ms)}` : shown(r, 'simulateLarge', 'not measured')})`);
  }
  for (const r of results) {
    const honoured = ok(r, 'scan', 'scan1') && r.scan.sharded;
    t(honoured ? evaluation(r.scan1) / evaluation(r.scan) >= JOBS_SPEEDUP : null,
      `${fmtN(r.size)} users: evaluation --jobs ${o.jobs} ≥ ${JOBS_SPEEDUP}× faster than --jobs 1 (${jobsSpeedup(r)})`);
  }
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1];
    const b = results[i];
    const ratio = b.size / a.size;
    if (!ok(a, 'scan')) {
      t(null, `linearity ${fmtN(a.size)} → ${fmtN(b.size)}: base ${a.scan?.short}`);
      continue;
    }
    // A timed-out run still bounds the growth from below.
    const growth = (ok(b, 'scan') ? b.scan.ms : b.scan?.ms ?? NaN) / a.scan.ms;
    const atLeast = ok(b, 'scan') ? '' : '≥ ';
    t(ok(b, 'scan') && growth <= ratio * LINEARITY_TOLERANCE, `no worse than linear ${fmtN(a.size)} → ${fmtN(b.size)}: time ${atLeast}${fmtX(growth)} for size ${fmtX(ratio)} (tolerance ${LINEARITY_TOLERANCE}×)${atLeast ? ` — ${b.scan.short}` : ''}`);
  }
  if (results.length < 2) t(null, 'linearity: needs two sizes');
  return out;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, 'dist/scan.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench does)');
  const tool = o.skipOpa || o.loadOnly ? undefined : findOpa();
  // Others may rebuild bundle/ or edit policies/ while this runs: every measurement uses a copy taken now.
  const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-bench-policies-'));
  const policiesGiven = o.policies;
  let consistency;
  try {
    fs.cpSync(o.policies, path.join(snapshot, 'policies'), { recursive: true });
    o.policies = path.join(snapshot, 'policies');
    if (!o.bundle) {
      fs.copyFileSync(path.join(ROOT, 'bundle/shareguard.tar.gz'), path.join(snapshot, 'shareguard.tar.gz'));
      fs.copyFileSync(path.join(ROOT, 'bundle/manifest.json'), path.join(snapshot, 'manifest.json'));
      o.bundle = path.join(snapshot, 'shareguard.tar.gz');
      o.manifest = path.join(snapshot, 'manifest.json');
      consistency = checkSources(o.manifest, o.policies);
    }
    await run(o, tool, consistency, policiesGiven);
  } finally {
    fs.rmSync(snapshot, { recursive: true, force: true });
  }
}

/** Does the Rego opa eval will read match what the WASM bundle was built from (manifest.sources hashes)? */
function checkSources(manifestFile, policiesDir) {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const sources = manifest.sources ?? {};
  const differ = [];
  for (const [rel, hash] of Object.entries(sources)) {
    const file = path.join(policiesDir, rel.replace(/^policies\//, ''));
    const actual = fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'missing';
    if (actual !== hash) differ.push(rel);
  }
  const listed = new Set(Object.keys(sources).map((r) => r.replace(/^policies\//, '')));
  const extra = [];
  const walk = (d, rel = '') => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.name.endsWith('.rego') && !e.name.endsWith('_test.rego') && !listed.has(r)) extra.push(`policies/${r}`);
    }
  };
  walk(policiesDir);
  return { wasmSha256: manifest.wasmSha256, matches: differ.length === 0 && extra.length === 0, differ, extra };
}

async function run(o, tool, consistency, policiesGiven) {
  const cpu = os.cpus()[0]?.model ?? '?';
  log(`shareguard bench: sizes ${o.sizes.join(', ')}; node ${process.version}; ${os.cpus().length} × ${cpu}${tool ? `; opa ${tool.version}` : ''}`);
  const results = [];
  for (const size of o.sizes) results.push(await benchSize(size, o, tool));
  // The measurements are saved before anything is rendered: a table that fails to render loses nothing
  // (render it again with --report FILE).
  const dir = path.join(ROOT, '.bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, consistency ? 'last.json' : 'last-whatif.json');
  fs.writeFileSync(file, `${JSON.stringify(benchDocument(o, tool, cpu, consistency, policiesGiven, results, null), null, 2)}\n`);
  render(o, tool, cpu, consistency, policiesGiven, results, file);
}

/** The saved form of a run (.bench/last.json). */
function benchDocument(o, tool, cpu, consistency, policiesGiven, results, tgt) {
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpu,
    totalMemBytes: os.totalmem(),
    opa: tool ? { path: path.relative(ROOT, tool.opa), version: tool.version } : null,
    asOf: AS_OF,
    seed: o.seed,
    sizes: o.sizes,
    jobs: o.jobs,
    skipOpa: o.skipOpa,
    bundle: consistency ? 'built-in (snapshot)' : o.bundle,
    policies: path.relative(ROOT, policiesGiven) || '.',
    consistency,
    notes,
    results,
    targets: tgt,
  };
}

/** Prints the table and targets of a run, and saves it again with its targets. */
function render(o, tool, cpu, consistency, policiesGiven, results, file) {

  const what = consistency ? '' : `\nWHAT-IF: bundle ${o.bundle}, opa policies ${policiesGiven}`;
  const header = `shareguard bench — node ${process.version}, ${os.cpus().length} × ${cpu}, ${fmtMiB(os.totalmem())} RAM${tool ? `, opa ${tool.version}` : ''}; as of ${AS_OF}, seed ${o.seed}${what}`;
  const tgt = o.loadOnly ? [] : targets(results, o);
  console.log(`\n${header}\n`);
  console.log(o.loadOnly ? loadTable(results) : table(results, o));
  const shas = new Set(results.flatMap((r) => ['phases', 'scan'].map((k) => r[k]?.wasmSha256).filter(Boolean)));
  console.log(`\npolicy bundle: snapshot taken at start, policy.wasm sha256 ${[...shas].map((x) => x.slice(0, 12)).join(', ') || '?'}${shas.size > 1 ? ' — DIFFERENT BUNDLES WERE MEASURED' : ''}`);
  if (consistency) {
    const why = [...consistency.differ.map((f) => `${f} changed`), ...consistency.extra.map((f) => `${f} not in the bundle`)];
    console.log(`policies/ vs bundle (what opa eval reads vs what WASM runs): ${consistency.matches ? 'same sources' : `STALE BUNDLE: ${why.slice(0, 5).join('; ')}${why.length > 5 ? `; … ${why.length - 5} more` : ''}`}`);
  }
  if (notes.length) {
    console.log('\nnotes');
    notes.forEach((n, i) => console.log(`  [${i + 1}] ${n}`));
  }
  console.log('\ntargets (reported, not asserted)');
  for (const x of tgt) console.log(`  ${x.pass === null ? 'N/A ' : x.pass ? 'PASS' : 'MISS'}  ${x.text}`);

  fs.writeFileSync(file, `${JSON.stringify(benchDocument(o, tool, cpu, consistency, policiesGiven, results, tgt), null, 2)}\n`);
  console.log(`\nfigures written to ${path.relative(process.cwd(), file)}`);
}

/** --report FILE: the table and targets of a saved run, measured nothing. */
function report(file) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  notes.push(...(doc.notes ?? []));
  const o = { sizes: doc.sizes, jobs: doc.jobs, skipOpa: doc.skipOpa ?? !doc.opa, seed: doc.seed, bundle: doc.bundle };
  const tool = doc.opa ? { opa: path.join(ROOT, doc.opa.path), version: doc.opa.version } : undefined;
  render(o, tool, doc.cpu, doc.consistency, path.join(ROOT, doc.policies), doc.results, file);
}

const reportAt = process.argv.indexOf('--report');
(reportAt >= 0 ? Promise.resolve().then(() => report(path.resolve(process.argv[reportAt + 1]))) : main()).catch((e) => {
  // The stack too: a failure here is the bench's own bug, not a measurement's.
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});
