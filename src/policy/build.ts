import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, InputErrors, PolicyError } from '../errors.js';
import { gunzipBundle, tarEntries, wasmMember, type BundleManifest } from '../engine/bundle.js';
import { sortByPosition } from '../schema/document-errors.js';
import { TOOL } from '../version.js';
import { checkCustomPolicies } from './contract.js';
import {
  BUILTIN_PREFIX,
  ENTRYPOINTS_DIR,
  MAIN_ENTRYPOINT,
  PLATFORM_ENTRYPOINT,
  SCOPED_ENTRYPOINT,
  VIEWS_ENTRYPOINT,
  entrypointOf,
  writeEntrypoints,
} from './entrypoints.js';
import { builtinControls, platformRules, viewsReads as viewsReadsOf, type Inspection } from './metadata.js';
import { opaOutput, runOpa, writeWasmCapabilities } from './opa.js';
import { writeSchemaDir } from './schemas.js';
import { BUILTIN_ROOT, CUSTOM_ROOT, builtinSources, customSources, sha256, shownPath, sourceHashes, stageSources, type SourceFile } from './sources.js';

/** The version of the single-file bundle format `shareguard policy build` writes (see bundle-file.ts). */
export const BUNDLE_FORMAT = 1;

export interface BuildOptions {
  /** The opa CLI and the version it reports. */
  opa: string;
  opaVersion: string;
  /** Compile the built-in controls too (the helpers, views, platform rules and main entrypoint always are). */
  builtinControls: boolean;
  /** Custom policy directories, in order (none: the built-in bundle). */
  policyDirs: readonly string[];
}

export interface BuildResult {
  /** The `opa build -t wasm` tarball. */
  tarball: Buffer;
  wasm: Buffer;
  manifest: BundleManifest;
}

/** The Rego files a build compiles (tests excluded), at the paths they take in it. */
export function buildSources(options: Pick<BuildOptions, 'builtinControls' | 'policyDirs'>): SourceFile[] {
  return [...builtinSources({ controls: options.builtinControls, tests: false }), ...customSources(options.policyDirs, { tests: false })];
}

/**
 * The one way policies are compiled, for the committed built-in bundle (scripts/policies.mjs) and for custom
 * policies (scan --policy, policy build): the sources are copied into a scratch folder at fixed paths
 * (policies/…, custom/1/…), so the module does not depend on where they came from; `opa check` with the
 * WebAssembly capabilities reports syntax and type errors and builtins the runtime lacks; `opa inspect`
 * reads the METADATA, which custom policies must fill in as the contract says; one entrypoint per control
 * is generated; `opa build -t wasm` compiles everything. Every problem with a policy is an InputError at
 * its file:line:column; anything else that goes wrong is a PolicyError.
 */
export function buildPolicies(options: BuildOptions): BuildResult {
  const files = buildSources(options);
  const custom = options.policyDirs.length > 0;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-build-'));
  try {
    const src = path.join(work, 'src');
    stageSources(files, src);
    const capabilities = writeWasmCapabilities(options.opa, work);
    const capsFile = capabilities.file;
    const roots = custom ? [BUILTIN_ROOT, CUSTOM_ROOT] : [BUILTIN_ROOT];
    checkSyntaxAndTypes(options.opa, src, capsFile, roots, files, capabilities.excluded, writeSchemaDir(work));

    const builtin = inspect(options.opa, src, BUILTIN_ROOT);
    const controls = options.builtinControls ? builtinControls(builtin) : [];
    const controlPackages = options.builtinControls
      ? Object.keys(builtin.namespaces ?? {}).map((ns) => ns.replace(/^data\./, '')).filter((pkg) => pkg.startsWith(BUILTIN_PREFIX))
      : [];
    if (custom) {
      const contract = checkCustomPolicies(inspect(options.opa, src, CUSTOM_ROOT), files, controls);
      if (contract.errors.length > 0) throw policyErrors(contract.errors);
      controls.push(...contract.controls);
      controlPackages.push(...contract.controls.map((c) => c.package));
      if (contract.controls.length === 0) {
        throw new InputErrors([new InputError(`no control in ${options.policyDirs.join(', ')}: a custom control is a package under shareguard.custom that defines findings (see docs/writing-policies.md)`)]);
      }
    }
    controlPackages.sort();
    writeEntrypoints(path.join(src, ...ENTRYPOINTS_DIR.split('/')), controlPackages);

    const out = path.join(work, 'bundle.tar.gz');
    const entrypoints = [MAIN_ENTRYPOINT, PLATFORM_ENTRYPOINT, SCOPED_ENTRYPOINT, VIEWS_ENTRYPOINT, ...controlPackages.map(entrypointOf)];
    const build = runOpa(options.opa, ['build', '-t', 'wasm', ...entrypoints.flatMap((e) => ['-e', e]), '--capabilities', capsFile, '--ignore', '*_test.rego', '-o', out, ...roots, ENTRYPOINTS_DIR], src);
    if (build.status !== 0) throw new PolicyError(`opa build failed: ${mapPaths(`${build.stderr}${build.stdout}`.trim(), files)}`);
    const tarball = fs.readFileSync(out);
    const wasm = wasmOf(tarball);

    const views = viewsReadsOf(builtin);
    const manifest: BundleManifest = {
      note: custom
        ? 'Generated by shareguard (scan --policy, policy build): the built-in and custom policies compiled together.'
        : 'Generated by `npm run policies:build`; do not edit. `npm run policies:check` fails when it is stale.',
      opaVersion: options.opaVersion,
      entrypoint: MAIN_ENTRYPOINT,
      platformEntrypoint: PLATFORM_ENTRYPOINT,
      scopedEntrypoint: SCOPED_ENTRYPOINT,
      viewsEntrypoint: VIEWS_ENTRYPOINT,
      ...(views ? { viewsReads: views } : {}),
      wasmSha256: sha256(wasm),
      sources: sourceHashes(files),
      controls: controls.sort((x, y) => x.id.localeCompare(y.id, 'en', { numeric: true })),
      platformRules: platformRules(builtin),
      ...(custom ? { bundleFormat: BUNDLE_FORMAT, shareguardVersion: TOOL.version, builtinControls: options.builtinControls, policyDirs: [...options.policyDirs] } : {}),
    };
    return { tarball, wasm, manifest };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** /policy.wasm out of an `opa build -t wasm` tarball. */
function wasmOf(tarball: Buffer): Buffer {
  const wasm = wasmMember(tarEntries(gunzipBundle(tarball, 'the bundle opa built')));
  if (!wasm) throw new PolicyError('opa build wrote no policy.wasm');
  return Buffer.from(wasm);
}

interface OpaErrorReport {
  errors?: { message: string; code?: string; location?: { file: string; row: number; col: number } }[];
}

/**
 * `opa check` with the WebAssembly capabilities: every syntax error, type error and missing builtin, at its
 * place. `policy test` runs it on the test files too, so a test calling http.send is refused by name.
 * With the data.tenant schema folder (schemas.ts), a policy whose METADATA declares the schema has what it
 * reads from data.tenant type-checked: a misspelt field is an error at its line.
 */
export function checkSyntaxAndTypes(opa: string, cwd: string, capsFile: string, roots: string[], files: readonly SourceFile[], excluded: ReadonlySet<string>, schemaDir?: string): void {
  const r = runOpa(opa, ['check', '--capabilities', capsFile, ...(schemaDir ? ['--schema', schemaDir] : []), '--format', 'json', ...roots], cwd);
  if (r.status === 0) return;
  let report: OpaErrorReport;
  try {
    // opa writes the JSON report to stderr (stdout in some versions).
    report = JSON.parse(r.stderr.trim() || r.stdout) as OpaErrorReport;
  } catch {
    throw new PolicyError(`opa check failed: ${mapPaths(`${r.stderr}${r.stdout}`.trim(), files)}`);
  }
  const errors = (report.errors ?? []).map((e) => {
    const missing = /^undefined function (\S+)$/.exec(e.message)?.[1];
    const why = missing && excluded.has(missing) ? `: ${missing} is an opa builtin that the WebAssembly runtime shareguard runs policies in does not provide (see docs/writing-policies.md)` : '';
    const detail = `${e.message}${e.code ? ` (${e.code})` : ''}${why}`;
    return e.location
      ? new InputError(detail, { file: shownPath(files, e.location.file), line: e.location.row, column: Math.max(1, e.location.col) })
      : new InputError(detail);
  });
  if (errors.length === 0) throw new PolicyError(`opa check failed: ${mapPaths(`${r.stderr}${r.stdout}`.trim(), files)}`);
  throw policyErrors(errors);
}

function policyErrors(errors: InputError[]): InputErrors {
  const seen = new Set<string>();
  const unique = errors.filter((e) => !seen.has(e.message) && seen.add(e.message));
  return new InputErrors(sortByPosition(unique).sort((a, b) => (a.position?.file ?? '').localeCompare(b.position?.file ?? '')));
}

/** METADATA and packages of the Rego files under one root of the build. */
function inspect(opa: string, cwd: string, root: string): Inspection {
  return JSON.parse(opaOutput(opa, ['inspect', '-a', '-f', 'json', root], cwd)) as Inspection;
}

/** Replaces the build's paths in a message from opa with the files the user knows. */
function mapPaths(message: string, files: readonly SourceFile[]): string {
  return message.replace(/\/?(?:policies|custom\/\d+)\/[^\s:]+\.rego/g, (m) => shownPath(files, m));
}
