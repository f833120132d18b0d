import fs from 'node:fs';
import { InputError } from '../errors.js';
import { SEVERITIES } from '../findings/severity.js';
import type { ScanResult } from '../findings/types.js';

const EXPECTED = 'expected the JSON result of `shareguard scan` or `shareguard diff` (--output json)';

/** Reads a scan or diff result written with `--output json`; anything else is an InputError naming the file. */
export function readScanResultFile(file: string): ScanResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${EXPECTED}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not JSON (${(e as Error).message}); ${EXPECTED}`);
  }
  const problem = scanResultProblem(value);
  if (problem) throw new InputError(`${file}: ${problem}; ${EXPECTED}`);
  return value as ScanResult;
}

type Check = (v: unknown, at: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? 'missing' : JSON.stringify(v)?.slice(0, 60));

const str: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} is ${show(v)}, not a string`);
const num: Check = (v, at) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${at} is ${show(v)}, not a number`);
const oneOf =
  (values: readonly unknown[]): Check =>
  (v, at) =>
    values.includes(v) ? undefined : `${at} is ${show(v)}, not one of ${values.join(', ')}`;
const optional =
  (check: Check): Check =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);
const array =
  (item: Check): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return `${at} is ${show(v)}, not an array`;
    for (const [i, x] of v.entries()) {
      const p = item(x, `${at}[${i}]`);
      if (p) return p;
    }
    return undefined;
  };
const object =
  (fields: Record<string, Check>): Check =>
  (v, at) => {
    if (!isObject(v)) return `${at} is ${show(v)}, not an object`;
    for (const [k, check] of Object.entries(fields)) {
      const p = check(v[k], at ? `${at}.${k}` : k);
      if (p) return p;
    }
    return undefined;
  };
const nullableStr: Check = (v, at) => (v === null ? undefined : str(v, at));

const objectRef = object({ kind: str, id: str, displayName: str });
const waiver = object({ controlId: str, resource: str, reason: str, owner: str, expires: str });
const finding = object({
  controlId: str,
  severity: oneOf(SEVERITIES),
  title: str,
  message: str,
  resource: objectRef,
  principal: optional(objectRef),
  remediation: str,
  fingerprint: str,
  location: optional(object({ file: str, line: num, column: num })),
  references: optional(array(str)),
  baselineState: optional(oneOf(['new', 'unchanged'])),
  waiver: optional(waiver),
});
const scanResult = object({
  asOf: str,
  tenant: object({ id: nullableStr, displayName: nullableStr }),
  summary: object({
    total: num,
    counts: object(Object.fromEntries(SEVERITIES.map((s) => [s, num]))),
    notEvaluated: array(object({ section: str, controls: array(str), reason: str })),
    controls: num,
    files: num,
  }),
  findings: array(finding),
  baseline: optional(object({ source: str, resolved: array(finding) })),
  waivers: optional(object({ source: str, applied: num, problems: array(object({ kind: str, message: str })) })),
  gate: optional(object({ failOn: oneOf([...SEVERITIES, 'none']), failing: num })),
});

/** What is wrong with a value that should be a scan result (the first problem found), or undefined. */
export function scanResultProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'not a JSON object';
  if (v.version === '2.1.0' && Array.isArray(v.runs)) return 'this is a SARIF log';
  if (!isObject(v.tool) || v.tool.name !== 'shareguard' || typeof v.tool.version !== 'string') return 'tool.name is not "shareguard"';
  if (v.schemaVersion !== 1) return `schemaVersion is ${show(v.schemaVersion)}; this version of shareguard reads 1`;
  if (Array.isArray(v.results) && !('findings' in v)) return 'this is a simulation result (shareguard simulate)';
  return scanResult(v, '');
}
