import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, InputErrors, PolicyError } from '../errors.js';
import { runOpa, writeWasmCapabilities } from './opa.js';
import { writeSchemaDir } from './schemas.js';
import { BUILTIN_ROOT, CUSTOM_ROOT, builtinSources, customSources, shownPath, stageSources } from './sources.js';

/** One `opa test` result. */
export interface OpaTestResult {
  /** package.test_name */
  name: string;
  /** Where the test is: file:line. */
  at: string;
  passed: boolean;
  /** What opa said when the test errored. */
  error?: string;
}

interface RawResult {
  location?: { file: string; row: number };
  package?: string;
  name: string;
  fail?: boolean;
  error?: unknown;
  skip?: boolean;
}

/**
 * Runs `opa test` on a policy directory's Rego (its _test.rego files included) with the built-in policies
 * beside it: data.shareguard.lib and its testing helpers (data.shareguard.lib.testing.with_indexes) resolve
 * as in a scan. Only the directory's own tests run. A syntax or type error, or a builtin the WebAssembly
 * runtime lacks (http.send, opa.runtime, …), is an InputError at its line.
 */
export function runOpaTests(opa: string, dir: string): OpaTestResult[] {
  const files = [...builtinSources({ controls: true, tests: false }), ...customSources([dir], { tests: true })];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-test-'));
  try {
    const src = path.join(work, 'src');
    stageSources(files, src);
    // The tests run with the build's capabilities (only the WebAssembly builtins, no network): a test file
    // is Rego from whoever wrote the pull request, and opa test would otherwise give it http.send and
    // opa.runtime().env, i.e. the CI job's tokens and a way out. A call to a left-out builtin is then a
    // compile error at its line, which compileErrors names.
    const capabilities = writeWasmCapabilities(opa, work);
    // With the data.tenant schema, as the build type-checks: a test of a policy that declares it fails to
    // compile where the policy reads a field data.tenant does not have.
    const r = runOpa(opa, ['test', '--capabilities', capabilities.file, '--schema', writeSchemaDir(work), '--format', 'json', BUILTIN_ROOT, CUSTOM_ROOT], src);
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.stdout);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed)) throw compileErrors(`${r.stderr}\n${r.stdout}`, files, capabilities.excluded);
    return (parsed as RawResult[])
      .filter((t) => !t.skip)
      .sort((a, b) => (a.location?.file ?? '').localeCompare(b.location?.file ?? '') || (a.location?.row ?? 0) - (b.location?.row ?? 0))
      .map((t) => ({
        name: `${t.package?.replace(/^data\./, '') ?? ''}.${t.name}`,
        at: t.location ? `${shownPath(files, t.location.file)}:${t.location.row}` : '',
        passed: !t.fail && !t.error,
        ...(t.error ? { error: typeof t.error === 'string' ? t.error : JSON.stringify(t.error) } : {}),
      }));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** opa test's compile errors ("custom/1/x_test.rego:3: rego_parse_error: …") as InputErrors at the user's files. */
function compileErrors(output: string, files: Parameters<typeof shownPath>[0], excluded: ReadonlySet<string>): Error {
  const errors: InputError[] = [];
  for (const line of output.split('\n')) {
    const m = /((?:policies|custom\/\d+)\/\S+?\.rego):(\d+)(?::(\d+))?: (.+)$/.exec(line.trim());
    if (!m) continue;
    const missing = /undefined function (\S+)$/.exec(m[4]!)?.[1];
    const why = missing && excluded.has(missing) ? `: ${missing} is an opa builtin that the WebAssembly runtime shareguard runs policies in does not provide, so tests cannot call it either (see docs/writing-policies.md)` : '';
    errors.push(new InputError(`${m[4]!}${why}`, { file: shownPath(files, m[1]!), line: Number(m[2]), column: Number(m[3] ?? 1) }));
  }
  if (errors.length > 0) return new InputErrors(errors);
  return new PolicyError(`opa test failed: ${output.trim()}`);
}
