import path from 'node:path';
import { forTextLines } from '../format/neutralise.js';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Finding } from '../findings/types.js';
import { EXPECTED_FILE, findExampleCases, runExampleCase, type ExpectedFinding } from '../policy/example-tests.js';
import { compileCustomBundle } from '../policy/load.js';
import { requireOpa } from '../policy/opa.js';
import { runOpaTests } from '../policy/opa-tests.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../engine/engine.js';
import { evaluationBudget } from './policy-options.js';
import { returning } from './exit.js';

/**
 * `shareguard policy test [DIR]`: the directory's policies compiled as a scan compiles them (the contract
 * checked), its `opa test` tests, then its example-based tests (tests/<case>/expected.yaml) through the
 * compiled WebAssembly. Exit 0 when all pass, 1 when one fails, 2 when something cannot run.
 */
export function policyTestCommand(): Command {
  return new Command('test')
    .description('run a policy directory\'s opa tests and example-based tests (folders with an export and expected.yaml)')
    .argument('[dir]', 'the policy directory', 'policies')
    .option('--cache-dir <dir>', 'where compiled policies are cached (default: $XDG_CACHE_HOME/shareguard or ~/.cache/shareguard)')
    .option('--timeout <seconds>', `the most time the example tests' policy evaluation may take, in seconds (default: ${DEFAULT_TIMEOUT_SECONDS})`)
    .addHelpText(
      'after',
      `
The tests run with the capabilities a build allows (only the builtins of the WebAssembly runtime: no
http.send, no opa.runtime) and opa gets no environment variables, so a test file cannot read or send the
job's secrets.

Exit codes: 0 every test passes, 1 a test fails, 2 the policies do not compile or break the contract, a
test calls a builtin outside the WebAssembly runtime, a test file is malformed (file:line:column: what is
wrong), or evaluation passes --timeout.`,
    )
    .action(returning(async (dir: string, flags: { cacheDir?: string; timeout?: string }) => {
      const budget = evaluationBudget(flags.timeout);
      const opa = requireOpa(`policy test ${dir}`);
      const { bundle: compiled } = compileCustomBundle({
        policyDirs: [dir],
        ...(flags.cacheDir !== undefined ? { cacheDir: flags.cacheDir } : {}),
        onWarning: (message) => process.stderr.write(`shareguard: warning: ${forTextLines([message])}\n`),
      });
      const bundle = { ...compiled, budget };
      const own = bundle.manifest.controls.filter((c) => c.origin === 'custom').map((c) => c.id);
      const out = (line: string) => process.stdout.write(`${line}\n`);
      let passed = 0;
      let failed = 0;

      const opaResults = runOpaTests(opa, dir);
      for (const t of opaResults) {
        if (t.passed) passed += 1;
        else failed += 1;
        if (!t.passed) out(`FAIL ${t.name} (${t.at})${t.error ? `: ${t.error}` : ''}`);
      }
      out(`opa test: ${opaResults.filter((t) => t.passed).length} passed, ${opaResults.filter((t) => !t.passed).length} failed`);

      const cases = findExampleCases(dir);
      if (opaResults.length === 0 && cases.length === 0) {
        throw new UsageError(`${dir} has no tests: add *_test.rego files, or example folders holding an export and ${EXPECTED_FILE}`);
      }
      let examplesFailed = 0;
      for (const example of cases) {
        const outcome = await runExampleCase(example, bundle, own);
        const label = `${path.join(dir, example.name)}${outcome.description ? `: ${outcome.description}` : ''}`;
        out(`${outcome.passed ? 'PASS' : 'FAIL'} ${label}`);
        if (outcome.passed) continue;
        examplesFailed += 1;
        for (const m of outcome.missing) out(`  missing:    ${describeExpected(m)}`);
        for (const f of outcome.unexpected) out(`  unexpected: ${describeFinding(f)}`);
      }
      passed += cases.length - examplesFailed;
      failed += examplesFailed;
      out(`example tests: ${cases.length - examplesFailed} passed, ${examplesFailed} failed`);
      out(`policy test: ${passed} passed, ${failed} failed`);
      return failed > 0 ? 1 : 0;
    }));
}

function describeExpected(e: ExpectedFinding): string {
  return `${e.control} resource ${e.resource}${e.principal ? ` principal ${e.principal}` : ''}`;
}

function describeFinding(f: Finding): string {
  return `${f.controlId} resource ${f.resource.id}${f.principal ? ` principal ${f.principal.id}` : ''} (${f.resource.displayName}${f.principal ? `, ${f.principal.displayName}` : ''}): ${f.message}`;
}
