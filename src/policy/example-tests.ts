import path from 'node:path';
import { InputError, InputErrors } from '../errors.js';
import type { ControlMetadata, PolicyBundle } from '../engine/bundle.js';
import { buildConfigSchema } from '../config/schema.js';
import { toFindings } from '../findings/findings.js';
import type { Finding } from '../findings/types.js';
import { discoverFiles } from '../load/discover.js';
import { readDocument } from '../document/read.js';
import { schemaErrors } from '../schema/document-errors.js';
import { compileSchema, shippedSchema } from '../schema/ajv.js';
import { engineFor, evaluateControls, loadIntoEngine, loadTenant, parseAsOf, policyInput } from '../scan.js';
import { filesBelow } from '../files/walk.js';

/**
 * Example-based tests: a folder holding an export and expected.yaml (schemas/policy-test.schema.json), the
 * findings the export must produce. They run through the compiled WebAssembly bundle, as a scan does, so
 * they catch what `opa test` (Go, every builtin, sprintf with Go's verbs) cannot.
 */
export const EXPECTED_FILE = 'expected.yaml';

const shipped = shippedSchema('policy-test.schema.json');

export interface ExampleCase {
  /** The folder, relative to the directory under test (forward slashes). */
  name: string;
  dir: string;
  expectedFile: string;
}

export interface ExpectedFinding {
  control: string;
  resource: string;
  principal?: string;
}

interface Expectation {
  description?: string;
  asOf: string;
  params?: Record<string, Record<string, unknown>>;
  controls?: string[];
  findings: ExpectedFinding[];
}

export interface ExampleOutcome {
  example: ExampleCase;
  description?: string;
  passed: boolean;
  /** Expected findings the export did not produce. */
  missing: ExpectedFinding[];
  /** Findings of the checked controls that no entry expects. */
  unexpected: Finding[];
}

/** Every folder under root (itself included) that holds an expected.yaml, in path order; dot folders and node_modules skipped. */
export function findExampleCases(root: string): ExampleCase[] {
  const cases = filesBelow(root, { pattern: `**/${EXPECTED_FILE}`, skipHidden: true }).map((file) => {
    const rel = path.posix.dirname(file);
    const dir = rel === '.' ? root : path.join(root, rel);
    return { name: rel, dir, expectedFile: path.join(dir, EXPECTED_FILE) };
  });
  return cases.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The test file's schema, with each control's parameters checked against the control's own parameter schema. */
function expectationSchema(controls: readonly ControlMetadata[]): Record<string, unknown> {
  const schema = structuredClone(shipped.schema()) as { properties: Record<string, unknown> };
  const perControl = ((buildConfigSchema(controls).properties as Record<string, { properties?: Record<string, { properties: Record<string, unknown> }> }>).controls?.properties ?? {});
  schema.properties.params = {
    description: 'Parameters by control id.',
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(perControl).map(([id, s]) => [id, s.properties.params])),
  };
  return schema;
}

/** Reads and checks expected.yaml; every problem is an InputError at its line. */
function readExpectation(file: string, controls: readonly ControlMetadata[], defaults: readonly string[]): { expectation: Expectation; checked: Set<string> } {
  const parsed = readDocument(file);
  const errors = schemaErrors(parsed, compileSchema(expectationSchema(controls)));
  if (errors.length > 0) throw new InputErrors(errors);
  const expectation = parsed.value as Expectation;
  const known = new Set(controls.map((c) => c.id));
  const problems: InputError[] = [];
  try {
    parseAsOf(expectation.asOf);
  } catch {
    problems.push(new InputError(`asOf "${expectation.asOf}" is not an ISO 8601 date or date-time (e.g. "2026-11-30T00:00:00Z")`, parsed.locate(['asOf'])));
  }
  (expectation.controls ?? []).forEach((id, i) => {
    if (!known.has(id)) problems.push(new InputError(`controls[${i}]: ${id} is not a control of this build (see shareguard controls --policy DIR)`, parsed.locate(['controls', i])));
  });
  const checked = new Set(expectation.controls ?? defaults);
  expectation.findings.forEach((f, i) => {
    if (!checked.has(f.control)) {
      problems.push(new InputError(`findings[${i}].control: ${f.control} is not among the controls this test checks (${[...checked].join(', ') || 'none'}); list it under controls`, parsed.locate(['findings', i, 'control'])));
    }
  });
  if (problems.length > 0) throw new InputErrors(problems);
  return { expectation, checked };
}

function matches(entry: ExpectedFinding, f: Finding): boolean {
  return entry.control === f.controlId && entry.resource === f.resource.id && (entry.principal === undefined || entry.principal === f.principal?.id);
}

/**
 * Scans one example's export with the bundle (the checked controls only) and compares the findings with
 * the expected ones. `defaults` are the controls checked when expected.yaml names none.
 */
export async function runExampleCase(example: ExampleCase, bundle: PolicyBundle, defaults: readonly string[]): Promise<ExampleOutcome> {
  const { expectation, checked } = readExpectation(example.expectedFile, bundle.manifest.controls, defaults);
  const expectedPath = path.resolve(example.expectedFile);
  const files = (await discoverFiles([example.dir])).filter((f) => path.resolve(f) !== expectedPath && path.basename(f) !== EXPECTED_FILE);
  if (files.length === 0) throw new InputError(`${example.dir}: no export files beside ${EXPECTED_FILE}`);
  const loaded = await loadTenant(files);
  const input = policyInput(parseAsOf(expectation.asOf), expectation.params);
  const engine = await engineFor(bundle);
  await loadIntoEngine(engine, loaded.tenant, input);
  const raw = evaluateControls(engine, input, { only: (c) => checked.has(c.id) });
  const findings = toFindings(raw.findings, loaded.merged.locations);
  const missing = expectation.findings.filter((entry) => !findings.some((f) => matches(entry, f)));
  const unexpected = findings.filter((f) => !expectation.findings.some((entry) => matches(entry, f)));
  return {
    example,
    ...(expectation.description ? { description: expectation.description } : {}),
    passed: missing.length === 0 && unexpected.length === 0,
    missing,
    unexpected,
  };
}
