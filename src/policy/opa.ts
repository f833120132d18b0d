import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

/**
 * The environment opa runs in: only what a Go program needs to start and find a scratch folder, never the
 * caller's. shareguard runs where secrets live (GITHUB_TOKEN in CI, SHAREGUARD_GRAPH_TOKEN on an admin's
 * machine) and compiles and tests Rego that others wrote; with the capabilities below opa.runtime() is not
 * callable anyway, and an empty environment makes sure that a builtin we failed to exclude, or a future
 * opa feature, has nothing to read. OPA_* variables are not passed either (they would change opa's flags).
 */
const OPA_ENV_KEEP = ['PATH', 'TMPDIR', 'TMP', 'TEMP', 'SystemRoot', 'SYSTEMROOT', 'windir'] as const;

export function opaEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const name of OPA_ENV_KEEP) if (env[name] !== undefined) clean[name] = env[name];
  // Go asks for a home directory in a few places (opa's config lookup); a fixed, empty answer is enough.
  clean.HOME = os.tmpdir();
  return clean;
}

// A compile or test of the built-in bundle takes about 3 s on a 2-core machine; 10 minutes means something
// is stuck (a test looping in Go's evaluator), and a CI job should not wait for its own timeout to say so.
const OPA_RUN_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Runs opa with arguments (never through a shell), in a clean environment (opaEnvironment); a binary that
 * cannot be started or does not finish within 10 minutes is a PolicyError.
 */
export function runOpa(bin: string, args: readonly string[], cwd: string): OpaRun {
  const r = spawnSync(bin, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: opaEnvironment(),
    timeout: OPA_RUN_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ETIMEDOUT') throw new PolicyError(`opa ${args[0]} did not finish within ${OPA_RUN_TIMEOUT_MS / 60000} minutes and was stopped`);
    throw new PolicyError(`cannot run ${bin}: ${r.error.message}`);
  }
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

/**
 * The builtins that reach outside opa (the network, the environment, the clock, randomness). None is in the
 * WebAssembly list, so the capabilities below leave them all out; this list is only checked, so that a
 * careless edit of scripts/wasm-builtins.json cannot let one back in (see docs/security-policies.md).
 */
export const FORBIDDEN_BUILTINS = ['http.send', 'net.lookup_ip_addr', 'opa.runtime', 'time.now_ns', 'rand.intn', 'uuid.rfc4122', 'crypto.x509.parse_and_verify_certificates_with_options', 'providers.aws.sign_req', 'io.jwt.decode_verify', 'trace'] as const;

/**
 * The capabilities file given to every opa command that compiles or evaluates Rego (`opa check`, `opa build`,
 * `opa test`; see scripts/wasm-builtins.json): only the WebAssembly builtins, and `allow_net: []` so that
 * even a network builtin that slipped in could reach no host.
 */
export function wasmCapabilities(bin: string, extra: readonly string[] = []): WasmCapabilities {
  const allowed = wasmBuiltins();
  const names = new Set([...allowed.nativeWasm, ...allowed.javascriptSdk, ...allowed.compileTime, ...extra]);
  const leaked = FORBIDDEN_BUILTINS.filter((b) => names.has(b));
  if (leaked.length > 0) throw new PolicyError(`${WASM_BUILTINS_FILE} lists ${leaked.join(', ')}, which must never be callable from a policy`);
  const caps = JSON.parse(opaOutput(bin, ['capabilities', '--current'], process.cwd())) as { builtins: { name: string }[]; allow_net?: string[] };
  const excluded = new Set(caps.builtins.filter((b) => !names.has(b.name)).map((b) => b.name));
  caps.builtins = caps.builtins.filter((b) => names.has(b.name));
  caps.allow_net = [];
  return { json: JSON.stringify(caps), excluded };
}

/**
 * Writes the capabilities file into `dir` (a scratch folder outside the Rego roots); returns it with its
 * path. `extra` is for the built-in policies' own tests only (scripts/policies.mjs: json.patch, a pure
 * function two of them use to derive fixtures); user Rego never gets more than the build.
 */
export function writeWasmCapabilities(bin: string, dir: string, extra: readonly string[] = []): WasmCapabilities & { file: string } {
  const capabilities = wasmCapabilities(bin, extra);
  const file = path.join(dir, 'capabilities.json');
  fs.writeFileSync(file, capabilities.json);
  return { ...capabilities, file };
}
