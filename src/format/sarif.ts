import path from 'node:path';
import type { SourcePosition } from '../errors.js';
import type { Severity } from '../findings/severity.js';
import type { Finding, ScanResult } from '../findings/types.js';
import { forJson } from './neutralise.js';
import { catalogue, type CatalogueEntry } from './catalogue.js';
import { jsonChunks } from './json.js';
import type { ChunkedFormatter, Formatter, FormatOptions } from './types.js';

/**
 * SARIF 2.1.0 (OASIS), shaped for GitHub code scanning (docs.github.com: "SARIF support for code scanning"):
 * one run, one rule per control with `security-severity`, results with a file location, partial fingerprints
 * so alerts survive edits, `baselineState` when the run compared with a baseline, and `suppressions` for waived
 * findings. Findings the baseline had and this run does not are written as `kind: "pass"` results with
 * `baselineState: "absent"` (level "none"): a reader that knows baselines sees them as fixed, not as problems.
 */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of the finding's fingerprint in `partialFingerprints` (versioned: a new scheme gets a new key). */
export const FINGERPRINT_KEY = 'shareguardFingerprint/v1';
export const INFORMATION_URI = 'https://www.npmjs.com/package/shareguard';

/** GitHub reads >= 9.0 as critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub keeps at most 20 tags per rule. */
const MAX_TAGS = 20;

/**
 * The log in pieces (json.ts: jsonChunks): a SARIF result is about 1 KB, so a million findings would make a
 * string past V8's limit. The pieces join to exactly `forJson(log, 2)` and a newline.
 */
export const formatSarifChunks: ChunkedFormatter = function* (result, options) {
  yield* jsonChunks(sarifLog(result, options), { space: 2, encode: forJson, objectDepth: 2 });
  yield '\n';
};

export const formatSarif: Formatter = (result, options) => [...formatSarifChunks(result, options)].join('');

function sarifLog(result: ScanResult, options: FormatOptions) {
  const rules = catalogue(result, options.controls);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const ref = (f: Finding) => ({ ruleId: f.controlId, ruleIndex: ruleIndex.get(f.controlId)! });
  const results = [
    ...result.findings.map((f) => ({ ...ref(f), ...currentResult(f, options) })),
    ...(result.baseline?.resolved ?? []).map((f) => ({ ...ref(f), ...resolvedResult(f, options) })),
  ];
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            ...(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(result.tool.version) ? { semanticVersion: result.tool.version } : {}),
            informationUri: INFORMATION_URI,
            rules: rules.map(rule),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications(result) }],
        results,
        properties: {
          tenant: result.tenant,
          asOf: result.asOf,
          total: result.summary.total,
          counts: result.summary.counts,
          ...(result.baseline ? { baseline: result.baseline.source } : {}),
          ...(result.gate ? { gate: result.gate } : {}),
        },
      },
    ],
  };
  return log;
}

function rule(c: CatalogueEntry) {
  const refs = c.references.length > 0 ? c.references.join(', ') : undefined;
  return {
    id: c.id,
    name: c.name,
    shortDescription: { text: c.title },
    fullDescription: { text: c.description },
    help: {
      text: [c.description, `How to fix: ${c.remediation}`, ...(refs ? [`Related controls: ${refs}`] : [])].join('\n\n'),
      markdown: [
        `**${c.id} ${c.title}**`,
        c.description,
        `**How to fix.** ${c.remediation}`,
        ...(refs ? [`**Related controls:** ${refs}`] : []),
        ...(c.helpUri ? [`[Read more](${c.helpUri})`] : []),
      ].join('\n\n'),
    },
    ...(c.helpUri ? { helpUri: c.helpUri } : {}),
    defaultConfiguration: { level: LEVEL[c.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[c.severity],
      tags: [...new Set(['security', 'shareguard', c.area, ...c.references])].slice(0, MAX_TAGS),
      precision: 'high',
    },
  };
}

function currentResult(f: Finding, options: FormatOptions) {
  return {
    level: LEVEL[f.severity],
    message: { text: f.message },
    ...locations(f, options),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
    ...(f.waiver ? { suppressions: [suppression(f, options)] } : {}),
    properties: findingProperties(f),
  };
}

/** A finding the baseline had and this run does not: fixed, written so that nothing counts it as open. */
function resolvedResult(f: Finding, options: FormatOptions) {
  return {
    kind: 'pass',
    level: 'none',
    message: { text: `Resolved since the baseline: ${f.message}` },
    ...locations(f, options),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    baselineState: 'absent',
    properties: findingProperties(f),
  };
}

function findingProperties(f: Finding) {
  return { severity: f.severity, resource: f.resource, ...(f.principal ? { principal: f.principal } : {}) };
}

function suppression(f: Finding, options: FormatOptions) {
  const w = f.waiver!;
  return {
    kind: 'external',
    status: 'accepted',
    justification: `${w.reason} (owner: ${w.owner}; expires ${w.expires})`,
    ...(w.location ? { location: { physicalLocation: physicalLocation(w.location, options.cwd) } } : {}),
    properties: { owner: w.owner, expires: w.expires, resource: w.resource },
  };
}

/** The finding's place in the export; else line 1 of the fallback file; else none (see FormatOptions). */
function locations(f: Finding, options: FormatOptions) {
  const position = f.location ?? (options.fallbackFile ? { file: options.fallbackFile, line: 1, column: 1 } : undefined);
  if (!position) return {};
  const logical = { name: f.resource.displayName, fullyQualifiedName: `${f.resource.kind}/${f.resource.id}`, kind: f.resource.kind };
  return { locations: [{ physicalLocation: physicalLocation(position, options.cwd), logicalLocations: [logical] }] };
}

function physicalLocation(p: SourcePosition, cwd: string | undefined) {
  return {
    artifactLocation: { uri: artifactUri(p.file, cwd) },
    region: { startLine: Math.max(1, p.line), startColumn: Math.max(1, p.column) },
  };
}

/**
 * A file path as a URI reference: relative to the working directory with forward slashes (what code scanning
 * matches against the repository), each segment percent-encoded; a file outside the working directory becomes
 * an absolute file:// URI.
 */
export function artifactUri(file: string, cwd?: string): string {
  const windows = /^[A-Za-z]:[\\/]/.test(file) || (cwd !== undefined && /^[A-Za-z]:[\\/]/.test(cwd));
  const p = windows ? path.win32 : path.posix;
  let rel = file;
  if (p.isAbsolute(file)) {
    const inside = cwd !== undefined ? p.relative(cwd, file) : undefined;
    if (inside === undefined || inside === '' || inside.startsWith('..') || p.isAbsolute(inside)) {
      const abs = file.replace(/\\/g, '/');
      return `file://${abs.startsWith('/') ? '' : '/'}${encodeSegments(abs)}`;
    }
    rel = inside;
  }
  const normal = path.posix.normalize(rel.replace(/\\/g, '/')).replace(/^(\.\/)+/, '');
  return encodeSegments(normal);
}

function encodeSegments(p: string): string {
  return p
    .split('/')
    .map((s, i) => (i === 0 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s)))
    .join('/');
}

function notifications(result: ScanResult) {
  const notes = result.summary.notEvaluated.map((n) => ({
    level: 'warning',
    message: { text: `Not evaluated (${n.controls.join(', ')}): ${n.section}: ${n.reason}` },
  }));
  for (const p of result.waivers?.problems ?? []) notes.push({ level: 'warning', message: { text: `Waiver ${p.kind}: ${p.message}` } });
  return notes;
}
