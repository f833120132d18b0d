// One measurement in a fresh Node process, so that its peak RSS belongs to it alone. Started by bench.mjs:
//
//   node --expose-gc scripts/bench/child.mjs floor  DIR              read + JSON.parse every file (the floor)
//   node --expose-gc scripts/bench/child.mjs phases DIR AS_OF        the scan's stages one by one, timed apart
//   node --expose-gc scripts/bench/child.mjs load   DIR AS_OF        the phases up to normalise only (RSS per phase)
//   node --expose-gc scripts/bench/child.mjs dump   DIR AS_OF OUT    load + normalise only, then write OUT/data.json
//                                                                     ({"tenant": …}) and OUT/input.json for `opa eval`
//   node --expose-gc scripts/bench/child.mjs scan   DIR AS_OF [JOBS] the end-to-end scan() from dist/scan.js (JOBS: { jobs })
//   node --expose-gc scripts/bench/child.mjs simulate DIR AS_OF      simulate a mix of changes, each timed
//   node --expose-gc scripts/bench/child.mjs simulate-rescan DIR AS_OF   the full re-scan strategy on two changes
//
// Prints one line `BENCH-RESULT {json}` on stdout. Times in milliseconds, memory in bytes.

import { createHash } from 'node:crypto';
import { benchChanges } from './child-changes.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [mode, dir, asOfArg, dumpDir] = process.argv.slice(2); // 4th: dump mode's OUT_DIR, scan mode's JOBS
const dist = new URL('../../dist/', import.meta.url);
const now = () => performance.now();
const gc = () => globalThis.gc?.();
// BENCH_BUNDLE: an `opa build -t wasm` tarball to use instead of the built-in bundle (bench.mjs passes a snapshot
// taken when it started, so every measurement of one run uses the same policies); BENCH_MANIFEST: its manifest.json.
const otherBundle = process.env.BENCH_BUNDLE;
const otherManifest = process.env.BENCH_MANIFEST;

async function bundleLoader() {
  const { readBuiltinBundle, readWasmFromBundle } = await import(new URL('engine/bundle.js', dist));
  if (!otherBundle) return readBuiltinBundle;
  return () => {
    const manifest = otherManifest ? JSON.parse(fs.readFileSync(otherManifest, 'utf8')) : readBuiltinBundle().manifest;
    return { manifest, wasm: readWasmFromBundle(otherBundle), source: otherBundle };
  };
}

function emit(result) {
  // The phases mode resets the peak between phases (clearPeakRss), so it passes the largest of its own.
  result.maxRssBytes = Math.max(result.maxRssBytes ?? 0, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(`BENCH-RESULT ${JSON.stringify(result)}\n`);
}

function exportFiles(root) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(json|ya?ml)$/.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

async function floor() {
  const files = exportFiles(dir);
  const t0 = now();
  let bytes = 0;
  let objects = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    bytes += text.length;
    const v = JSON.parse(text);
    for (const k in v) if (Array.isArray(v[k])) objects += v[k].length;
  }
  const ms = now() - t0;
  emit({ mode, ms, files: files.length, chars: bytes, objects });
}

async function phases() {
  const asOf = new Date(asOfArg);
  const tImport = now();
  const load = await import(new URL('load/index.js', dist));
  const { normaliseTenant } = await import(new URL('model/normalise.js', dist));
  const readBundle = await bundleLoader();
  const { PolicyEngine } = await import(new URL('engine/engine.js', dist));
  const { parseRawResult, toFindings } = await import(new URL('findings/findings.js', dist));
  const importMs = now() - tImport;

  const times = {};
  const rss = {};
  const peak = {};
  const startPeak = fs.existsSync('/proc/self/status') ? peakRss() : 0;
  const step = async (name, fn) => {
    gc();
    const resetPeak = clearPeakRss();
    const t0 = now();
    const value = await fn();
    times[name] = now() - t0;
    rss[name] = process.memoryUsage.rss();
    if (resetPeak) peak[name] = peakRss();
    return value;
  };

  // Mirrors loadExport() in src/load/index.ts stage by stage.
  const parsed = await step('parse', async () => {
    const files = await load.discoverFiles([dir]);
    const contents = await Promise.all(files.map((f) => load.readExportFile(f)));
    return files.map((f, i) => load.parseFile(f, contents[i]));
  });
  await step('validate', () => load.validateParsed(parsed));
  const merged = await step('merge', () => load.mergeFiles(parsed));
  const { tenant, stats } = await step('normalise', () => normaliseTenant(merged));
  if (mode === 'load') {
    // Loading only (bench.mjs --load-only): where the memory of reading an export goes, without the engine.
    emit({ mode, importMs, times, rssAfter: rss, peakRss: peak, maxRssBytes: Math.max(startPeak, ...Object.values(peak)), files: parsed.length, stats, objects: Object.values(tenant).filter(Array.isArray).reduce((n, a) => n + a.length, 0) });
    return;
  }
  let bundle;
  const engine = await step('engineLoad', async () => PolicyEngine.load((bundle = readBundle())));
  await step('setData', () => engine.setData({ tenant }));
  const input = { asOf: Math.floor(asOf.getTime() / 1000), asOfIso: asOf.toISOString(), params: {}, controls: {} };
  // As scan() does it: one entrypoint per control when the bundle has them (the WASM heap is reset after each
  // evaluation), else the main entrypoint once. Each control's time is kept, to show which one is slow.
  const perControl = bundle.manifest.controls.every((c) => typeof c.entrypoint === 'string');
  const controlMs = {};
  const raw = await step('evaluate', () => {
    if (!perControl) return parseRawResult(engine.evaluate(input));
    const all = { findings: [], notEvaluated: [] };
    for (const c of bundle.manifest.controls) {
      const t0 = now();
      const r = parseRawResult(engine.evaluate(input, c.entrypoint));
      controlMs[c.id] = now() - t0;
      all.findings.push(...r.findings);
      all.notEvaluated.push(...r.notEvaluated);
    }
    return all;
  });
  const findings = await step('findings', () => toFindings(raw.findings, merged.locations));
  emit({
    mode,
    importMs,
    times,
    rssAfter: rss,
    peakRss: peak,
    maxRssBytes: Math.max(startPeak, ...Object.values(peak)),
    rawFindings: raw.findings.length,
    findings: findings.length,
    notEvaluated: raw.notEvaluated.length,
    byControl: countBy(findings, (f) => f.controlId),
    evaluation: perControl ? 'one entrypoint per control' : 'main entrypoint',
    controlMs,
    stats,
    files: parsed.length,
    wasmSha256: sha256(bundle.wasm),
  });
}

/** The same normalised tenant and input the scan hands to the engine, as files for `opa eval`. */
async function dump() {
  const asOf = new Date(asOfArg);
  const { loadTenant } = await import(new URL('scan.js', dist));
  const { tenant } = await loadTenant([dir]);
  const input = { asOf: Math.floor(asOf.getTime() / 1000), asOfIso: asOf.toISOString(), params: {}, controls: {} };
  const t0 = now();
  fs.writeFileSync(path.join(dumpDir, 'data.json'), JSON.stringify({ tenant }));
  fs.writeFileSync(path.join(dumpDir, 'input.json'), JSON.stringify(input));
  emit({ mode, ms: now() - t0, dataBytes: fs.statSync(path.join(dumpDir, 'data.json')).size });
}

/**
 * `scan DIR AS_OF [JOBS]`: with JOBS, scan() is given `{ jobs }` (the sharded evaluation of wt-shard / issue 17).
 * Whether it was honoured is read from the scan itself: a sharded scan reports its evaluation progress in
 * shards (onProgress unit 'shards'); the process CPU time over the evaluate phase (all threads: worker threads
 * count, child processes would not) divided by its wall time shows how many cores it kept busy.
 */
async function scanE2E() {
  const asOf = new Date(asOfArg);
  const jobs = dumpDir === undefined ? undefined : Number(dumpDir);
  const tImport = now();
  const { scan } = await import(new URL('scan.js', dist));
  const readBundle = await bundleLoader();
  const importMs = now() - tImport;
  const bundle = readBundle(); // what scan() would read itself (builtinBundle()), read here to know which one ran
  const marks = [];
  let sharded = false;
  let evalCpu;
  const onPhase = (p) => {
    const cpu = process.cpuUsage();
    if (p === 'evaluate') evalCpu = cpu;
    else if (evalCpu && !evalCpu.end) evalCpu.end = cpu;
    marks.push([p, now()]);
  };
  const onProgress = (p) => {
    if (p.step === 'evaluate' && p.unit === 'shards') sharded = true;
  };
  const t0 = now();
  const result = await scan([dir], { asOf, onPhase, onProgress, bundle, ...(jobs === undefined ? {} : { jobs }) });
  const t1 = now();
  if (evalCpu && !evalCpu.end) evalCpu.end = process.cpuUsage();
  const phases = {};
  marks.forEach(([p, t], i) => (phases[p] = (i + 1 < marks.length ? marks[i + 1][1] : t1) - t));
  const evalCpuMs = evalCpu ? (evalCpu.end.user + evalCpu.end.system - evalCpu.user - evalCpu.system) / 1000 : NaN;
  emit({
    mode, jobs: jobs ?? null, sharded, importMs, ms: t1 - t0, phases,
    evalCpuMs, evalParallelism: evalCpuMs / phases.evaluate,
    findings: result.findings.length, summary: result.summary, wasmSha256: sha256(bundle.wasm),
  });
}

/**
 * Simulation speed. A seeded mix of realistic changes over the generated tenant (share a flow as owner,
 * run-only or a copy, unshare, add a member to a group, grant an environment role, invite a guest, redeem
 * an invitation), mostly by actors the platform allows, simulated one after the other after one load.
 * Each change is timed on its own (from the previous result to its own); settings changes, which
 * re-evaluate whole controls, are timed apart. `simulate-rescan` times the reference strategy (normalise
 * and evaluate the whole tenant again per change) on the first two changes: the full re-scan baseline.
 */
const SETTINGS_CHANGES = [
  { action: 'set', path: 'externalCollaboration.allowInvitesFrom', value: 'adminsAndGuestInviters' },
  { action: 'set', path: 'externalCollaboration.guestUserAccess', value: 'restricted' },
  { action: 'set', path: 'powerPlatform.tenantSettings.enableGuestsToMake', value: false },
];

async function simulateE2E() {
  const asOf = new Date(asOfArg);
  const { loadTenant, resolveChanges, simulate } = await import(new URL('index.js', dist));
  const t0 = now();
  const loaded = await loadTenant([dir]);
  const loadMs = now() - t0;
  const changes = resolveChanges([...benchChanges(loaded.tenant, 300), ...SETTINGS_CHANGES], loaded.tenant);
  const times = [];
  let last = 0;
  let readyAt = 0;
  const t1 = now();
  const result = await simulate(loaded, changes, {
    asOf,
    onReady: () => (last = readyAt = now()),
    onResult: () => {
      const t = now();
      times.push(t - last);
      last = t;
    },
  });
  const setupMs = readyAt - t1;
  const objectTimes = times.slice(0, times.length - SETTINGS_CHANGES.length);
  const settingsTimes = times.slice(times.length - SETTINGS_CHANGES.length);
  const applied = result.results.slice(0, objectTimes.length).map((r) => r.effects.applied);
  const sorted = [...objectTimes].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const total = objectTimes.reduce((a, b) => a + b, 0);
  emit({
    mode, loadMs, setupMs, changes: objectTimes.length,
    applied: applied.filter(Boolean).length,
    moved: result.results.filter((r) => r.introduced.length + r.resolved.length > 0).length,
    byAction: countBy(result.results.slice(0, objectTimes.length), (r) => r.action),
    p50Ms: q(0.5), p95Ms: q(0.95), maxMs: sorted.at(-1), perChangeMs: total / objectTimes.length,
    changesPerSecond: (1000 * objectTimes.length) / total,
    settingsPerChangeMs: settingsTimes.reduce((a, b) => a + b, 0) / settingsTimes.length,
    decisions: countBy(result.results, (r) => r.decision),
  });
}

async function simulateRescan() {
  const asOf = new Date(asOfArg);
  const { loadTenant, resolveChanges, simulate } = await import(new URL('index.js', dist));
  const loaded = await loadTenant([dir]);
  const changes = resolveChanges(benchChanges(loaded.tenant, 2), loaded.tenant);
  const times = [];
  let last = 0;
  await simulate(loaded, changes, {
    asOf,
    strategy: 'rescan',
    onReady: () => (last = now()),
    onResult: (r) => {
      const t = now();
      if (r.effects.applied) times.push(t - last);
      last = t;
    },
  });
  emit({ mode, changes: times.length, perChangeMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length) });
}

/**
 * Resets this process's peak RSS (VmHWM) so that the next reading is one phase's peak: writing 5 to
 * /proc/self/clear_refs (Linux 4.0 and later). Returns false where that is not possible.
 */
function clearPeakRss() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRss() {
  const m = fs.readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return m ? Number(m[1]) * 1024 : NaN;
}

function sha256(arrayBuffer) {
  return createHash('sha256').update(new Uint8Array(arrayBuffer)).digest('hex');
}

function countBy(list, key) {
  const out = {};
  for (const x of list) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

const modes = { floor, phases, load: phases, scan: scanE2E, dump, simulate: simulateE2E, 'simulate-rescan': simulateRescan };
if (!modes[mode] || !dir) {
  console.error('usage: child.mjs floor|phases|scan|dump|simulate DIR [AS_OF] [OUT_DIR]');
  process.exit(2);
}
modes[mode]().catch((e) => {
  console.error(e?.stack ?? String(e));
  if (e?.errors) for (const x of e.errors.slice(0, 10)) console.error(`  ${x.message ?? x}`);
  process.exit(1);
});
