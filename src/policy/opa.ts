import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyError } from '../errors.js';

/** The package's root (beside dist/ and src/): where policies/, scripts/ and a development .tools/ live. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The builtins the WebAssembly runtime provides (scripts/wasm-builtins.json): the build's capabilities file
 * keeps only these, so that a policy calling anything else fails to compile instead of failing in a scan.
 */
export interface WasmBuiltins {
  opaVersion: string;
  nativeWasm: string[];
  javascriptSdk: string[];
  compileTime: string[];
}

export const WASM_BUILTINS_FILE = path.join(PACKAGE_ROOT, 'scripts', 'wasm-builtins.json');

export function wasmBuiltins(): WasmBuiltins {
  return JSON.parse(fs.readFileSync(WASM_BUILTINS_FILE, 'utf8')) as WasmBuiltins;
}

/** The opa version shareguard is built and tested with. */
export function pinnedOpaVersion(): string {
  return wasmBuiltins().opaVersion;
}

/** Where a development checkout keeps the pinned opa (scripts/ensure-opa.sh installs it there). */
export const PROJECT_OPA = path.join(PACKAGE_ROOT, '.tools', 'bin', 'opa');

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The opa CLI to compile with: SHAREGUARD_OPA when set (it must then be an executable file), else the first
 * `opa` on PATH, else the project's .tools/bin/opa. Undefined when there is none. Nothing is run.
 */
export function findOpa(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.SHAREGUARD_OPA;
  if (explicit !== undefined && explicit !== '') {
    if (!isExecutableFile(explicit)) throw new PolicyError(`SHAREGUARD_OPA is set to ${explicit}, which is not an executable file`);
    return explicit;
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'opa');
    if (isExecutableFile(candidate)) return candidate;
  }
  return isExecutableFile(PROJECT_OPA) ? PROJECT_OPA : undefined;
}

/** What to tell someone who needs opa and has none. */
export function opaMissingMessage(need: string): string {
  const version = pinnedOpaVersion();
  return [
    `${need} needs the opa CLI (version ${version}), and none was found (looked at SHAREGUARD_OPA, PATH and ${PROJECT_OPA}).`,
    `  Install it with Go: go install github.com/open-policy-agent/opa@v${version} (it lands in $(go env GOPATH)/bin; put that on PATH),`,
    '  or from a package (e.g. brew install opa, or a release binary from https://github.com/open-policy-agent/opa/releases),',
    '  or set SHAREGUARD_OPA to the path of an opa binary.',
    '  Or use a prebuilt bundle: run `shareguard policy build DIR -o bundle.tar.gz` where opa is installed, then pass --bundle bundle.tar.gz.',
  ].join('\n');
}

/** findOpa, or a PolicyError explaining how to get opa or do without it. */
export function requireOpa(need: string, env: NodeJS.ProcessEnv = process.env): string {
  const bin = findOpa(env);
  if (!bin) throw new PolicyError(opaMissingMessage(need));
  return bin;
}

export interface OpaRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs opa with arguments (never through a shell); a binary that cannot be started is a PolicyError. */
export function runOpa(bin: string, args: readonly string[], cwd: string): OpaRun {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new PolicyError(`cannot run ${bin}: ${r.error.message}`);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs opa and returns its stdout; a non-zero exit is a PolicyError with what opa said. */
export function opaOutput(bin: string, args: readonly string[], cwd: string): string {
  const r = runOpa(bin, args, cwd);
  if (r.status !== 0) throw new PolicyError(`opa ${args[0]} failed: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

/** The version an opa binary reports (`opa version`). */
export function opaVersion(bin: string): string {
  const out = opaOutput(bin, ['version'], process.cwd());
  const version = /^Version: (.+)$/m.exec(out)?.[1];
  if (!version) throw new PolicyError(`${bin} does not look like opa: \`${bin} version\` printed no version`);
  return version.trim();
}

/** The capabilities a build uses, and the builtins they leave out. */
export interface WasmCapabilities {
  /** `opa capabilities --current` restricted to the builtins the WebAssembly runtime provides, as JSON text. */
  json: string;
  /** Builtins of this opa that the WebAssembly runtime lacks (time.now_ns, http.send, …). */
  excluded: Set<string>;
}

/** The capabilities file given to `opa check` and `opa build` (see scripts/wasm-builtins.json). */
export function wasmCapabilities(bin: string): WasmCapabilities {
  const allowed = wasmBuiltins();
  const names = new Set([...allowed.nativeWasm, ...allowed.javascriptSdk, ...allowed.compileTime]);
  const caps = JSON.parse(opaOutput(bin, ['capabilities', '--current'], process.cwd())) as { builtins: { name: string }[] };
  const excluded = new Set(caps.builtins.filter((b) => !names.has(b.name)).map((b) => b.name));
  caps.builtins = caps.builtins.filter((b) => names.has(b.name));
  return { json: JSON.stringify(caps), excluded };
}
