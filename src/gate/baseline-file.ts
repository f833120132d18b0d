import type { ValidateFunction } from 'ajv';
import { InputError, InputErrors } from '../errors.js';
import { SEVERITIES } from '../findings/severity.js';
import type { Finding } from '../findings/types.js';
import { readDocument } from '../document/read.js';
import { schemaErrors } from '../schema/document-errors.js';
import { limitErrors } from '../document/report.js';
import { hasOwn, isRecord } from '../document/safe-object.js';
import type { ParsedFile } from '../document/types.js';
import { compileSchema } from '../schema/ajv.js';
import { describeValue, formatValue } from '../schema/explain.js';
import { TOOL } from '../version.js';
import type { Baseline } from './baseline.js';

/** The result document versions this build reads as a baseline. */
const SUPPORTED_RESULT_VERSION = 1;

/** What the document is read as, in messages: a baseline (--baseline) or the earlier result (--compare). */
export type ResultRole = 'baseline' | 'earlier result';

const how = (role: ResultRole) => `${role === 'baseline' ? 'a baseline' : 'the earlier result'} is the JSON document written by \`shareguard scan --output json\``;

const OBJECT_REF = {
  type: 'object',
  required: ['kind', 'id', 'displayName'],
  properties: { kind: { type: 'string' }, id: { type: 'string' }, displayName: { type: 'string' } },
};
const POSITION = {
  type: 'object',
  required: ['file', 'line', 'column'],
  properties: { file: { type: 'string' }, line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 } },
};

/**
 * Only what a comparison needs, and what the resolved list shows, is required of each finding; other
 * fields are allowed so that a result written by a later 1.x version still reads as a baseline.
 */
const BASELINE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['schemaVersion', 'tool', 'findings'],
  properties: {
    schemaVersion: { const: SUPPORTED_RESULT_VERSION },
    tool: { type: 'object' },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['controlId', 'severity', 'title', 'message', 'resource', 'fingerprint'],
        properties: {
          controlId: { type: 'string', minLength: 1 },
          severity: { enum: [...SEVERITIES] },
          title: { type: 'string' },
          message: { type: 'string' },
          resource: OBJECT_REF,
          fingerprint: { type: 'string', minLength: 1 },
          // Optional, but the reports show a resolved finding's principal, place and references: when present
          // they must have the type this version writes (a later 1.x adds fields, it does not retype these).
          // A baseline with `references: null` crashed the HTML report.
          principal: OBJECT_REF,
          remediation: { type: 'string' },
          references: { type: 'array', items: { type: 'string' } },
          location: POSITION,
          baselineState: { enum: ['new', 'unchanged'] },
          trend: { enum: ['new', 'unchanged'] },
          waiver: {
            type: 'object',
            required: ['controlId', 'resource', 'reason', 'owner', 'expires'],
            properties: {
              controlId: { type: 'string' },
              resource: { type: 'string' },
              principal: { type: 'string' },
              reason: { type: 'string' },
              owner: { type: 'string' },
              expires: { type: 'string' },
              location: POSITION,
            },
          },
        },
      },
    },
  },
};

let validator: ValidateFunction | undefined;

/**
 * Reads a previous result document as a baseline. Malformed JSON, a document of another tool, a newer
 * result version or a finding without what a comparison needs is an InputError at file:line:column.
 */
export function loadBaseline(file: string): Baseline {
  return baselineFromDocument(readDocument(file));
}

export function baselineFromDocument(parsed: ParsedFile, role: ResultRole = 'baseline'): Baseline {
  const root = parsed.value;
  if (!isRecord(root)) {
    const what = root === null || root === undefined ? 'the file is empty' : `the file holds ${describeValue(root)}`;
    throw new InputError(`${what}, not a shareguard scan result; ${how(role)}`, parsed.locate([]));
  }
  const tool = root.tool;
  if (!isRecord(tool) || tool.name !== TOOL.name) {
    const found = isRecord(tool) && hasOwn(tool, 'name') ? ` (tool.name is ${formatValue(tool.name)})` : '';
    throw new InputError(`not a shareguard scan result${found}; ${how(role)}`, parsed.locate(isRecord(tool) ? ['tool', 'name'] : []));
  }
  const version = root.schemaVersion;
  if (typeof version === 'number' && version > SUPPORTED_RESULT_VERSION) {
    throw new InputError(
      `the ${role} has result schemaVersion ${version}, newer than this version of shareguard reads (${SUPPORTED_RESULT_VERSION}); upgrade shareguard or make the ${role} with this version`,
      parsed.locate(['schemaVersion']),
    );
  }
  if (version !== SUPPORTED_RESULT_VERSION) {
    throw new InputError(`unsupported result schemaVersion ${formatValue(version)} (this version of shareguard reads ${SUPPORTED_RESULT_VERSION})`, parsed.locate(hasOwn(root, 'schemaVersion') ? ['schemaVersion'] : []));
  }
  const errors = schemaErrors(parsed, (validator ??= compileSchema(BASELINE_SCHEMA)));
  if (errors.length > 0) throw new InputErrors(limitErrors(errors.map((e) => renameRoot(e, role)), [parsed.file]));
  const tenant = isRecord(root.tenant) ? root.tenant : undefined;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    source: parsed.file,
    // A result of an earlier 1.x may lack the optional lists the reports read: filled in, never left undefined.
    findings: (root.findings as Finding[]).map((f) => ({ ...f, references: f.references ?? [], remediation: f.remediation ?? '' })),
    ...(tenant
      ? { tenant: { id: text(tenant.id), displayName: text(tenant.displayName) }, tenantLocation: parsed.locate(hasOwn(tenant, 'id') ? ['tenant', 'id'] : ['tenant']) }
      : {}),
  };
}

/** Schema messages call the document's root "the export"; here it is the baseline (or the earlier result). */
function renameRoot(error: InputError, role: ResultRole): InputError {
  return error.detail.startsWith('the export') ? new InputError(`the ${role}${error.detail.slice('the export'.length)}`, error.position) : error;
}
