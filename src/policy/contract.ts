import fs from 'node:fs';
import { InputError, type SourcePosition } from '../errors.js';
import type { ControlMetadata } from '../engine/bundle.js';
import { SEVERITIES } from '../findings/severity.js';
import { LIST_SECTIONS, OBJECT_SECTIONS } from '../load/types.js';
import { compileSchema } from '../schema/ajv.js';
import { CUSTOM_PREFIX } from './entrypoints.js';
import { byId, controlMetadata, customPackages, isReads, packageAnnotations, type AnnotationEntry, type Inspection } from './metadata.js';
import type { SourceFile } from './sources.js';

/**
 * The contract custom policies follow (docs/writing-policies.md), checked on what opa parsed:
 * - every module lives under shareguard.custom.<name>;
 * - a package that defines `findings` is a control, and carries package METADATA with title and, under
 *   custom, id, severity, remediation and sections (params, paramSchema, references, area optional);
 * - ids are unique (ignoring case, as waivers compare them) and stay out of shareguard's own SG- and PLT-.
 * Each breach is an InputError at the file and line it is about.
 */

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$/;
const RESERVED = /^(SG|PLT)-/i;
const AREA_PATTERN = /^[a-z][a-z0-9-]*$/;
const SECTIONS: readonly string[] = [...OBJECT_SECTIONS, ...LIST_SECTIONS];
const CUSTOM_KEYS = ['id', 'severity', 'remediation', 'sections', 'params', 'paramSchema', 'references', 'area', 'shards', 'countsPartition', 'reads'];
/** The kinds of shard a control may declare in custom.shards (src/engine/shard-plan.ts). */
const SHARD_KINDS = ['users', 'groups', 'flows', 'apps', 'tenant'];

/** A rule named `findings` at the start of a line (Rego v1, as opa fmt lays it out), with or without a default. */
const FINDINGS_RULE = /^(?:default\s+)?findings(?=[\s[{:=]|$)/m;

export interface ContractResult {
  controls: ControlMetadata[];
  errors: InputError[];
}

/** Reads each file once. */
class Texts {
  private readonly cache = new Map<string, string[]>();
  constructor(private readonly files: readonly SourceFile[]) {}

  file(staged: string): SourceFile | undefined {
    const key = staged.replace(/^\.?\//, '');
    return this.files.find((f) => f.staged === key);
  }

  lines(staged: string): string[] {
    const f = this.file(staged);
    if (!f) return [];
    let lines = this.cache.get(f.staged);
    if (!lines) this.cache.set(f.staged, (lines = fs.readFileSync(f.absolute, 'utf8').split(/\r?\n/)));
    return lines;
  }

  shown(staged: string): string {
    return this.file(staged)?.shown ?? staged;
  }
}

/** Where the package line of a file is. */
function packagePosition(texts: Texts, staged: string): SourcePosition {
  const row = texts.lines(staged).findIndex((l) => /^package\s/.test(l));
  return { file: texts.shown(staged), line: row >= 0 ? row + 1 : 1, column: 1 };
}

/**
 * Where a METADATA key is written, for a message about its value: the line of `key` (under `custom:` for
 * custom keys) in the comment block above the package line; else the `# METADATA` line; else the package.
 */
function metadataPosition(texts: Texts, entry: AnnotationEntry, key?: string): SourcePosition {
  const staged = entry.location?.file ?? '';
  const lines = texts.lines(staged);
  const packageRow = entry.location?.row ?? 1;
  const fallback = { file: texts.shown(staged), line: packageRow, column: entry.location?.col ?? 1 };
  let start = packageRow - 2;
  while (start >= 0 && lines[start]?.startsWith('#') && !/^#\s*METADATA\s*$/.test(lines[start]!)) start -= 1;
  if (start < 0 || !/^#\s*METADATA\s*$/.test(lines[start] ?? '')) return fallback;
  const block = { first: start, last: packageRow - 2 };
  const at = (row: number, text: string, name: string) => ({ file: fallback.file, line: row + 1, column: text.indexOf(name) + 1 });
  if (!key) return { ...fallback, line: block.first + 1, column: 1 };
  const [parent, child] = key.includes('.') ? (key.split('.', 2) as [string, string]) : [key, undefined];
  for (let row = block.first + 1; row <= block.last; row += 1) {
    const text = lines[row] ?? '';
    if (!new RegExp(`^#\\s?${escapeRegExp(parent)}:`).test(text)) continue;
    if (!child) return at(row, text, parent);
    for (let inner = row + 1; inner <= block.last; inner += 1) {
      const line = lines[inner] ?? '';
      if (/^#\s?\S/.test(line)) break;
      if (new RegExp(`^#\\s+${escapeRegExp(child)}:`).test(line)) return at(inner, line, child);
    }
    return at(row, text, parent);
  }
  return { ...fallback, line: block.first + 1, column: 1 };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

/** The METADATA problems of one control package. */
function metadataErrors(entry: AnnotationEntry, pkg: string, texts: Texts): InputError[] {
  const errors: InputError[] = [];
  const a = entry.annotations ?? {};
  const custom = a.custom;
  const err = (key: string | undefined, detail: string) => errors.push(new InputError(detail, metadataPosition(texts, entry, key)));
  if (!isNonEmptyString(a.title)) err(a.title === undefined ? undefined : 'title', `METADATA of ${pkg}: title is ${a.title === undefined ? 'missing' : 'not a non-empty string'}`);
  if (a.description !== undefined && typeof a.description !== 'string') err('description', `METADATA of ${pkg}: description must be text`);
  if (!isRecord(custom)) {
    err(undefined, `METADATA of ${pkg}: custom is missing (it holds id, severity, remediation and sections)`);
    return errors;
  }
  for (const key of Object.keys(custom)) {
    if (!CUSTOM_KEYS.includes(key)) err(`custom.${key}`, `METADATA of ${pkg}: unknown key custom.${key} (known: ${CUSTOM_KEYS.join(', ')})`);
  }
  const missing = (key: string, what: string) => err('custom', `METADATA of ${pkg}: custom.${key} is missing (${what})`);
  if (custom.id === undefined) missing('id', 'a unique control id such as ACME-FIN-01');
  else if (typeof custom.id !== 'string' || !ID_PATTERN.test(custom.id)) {
    err('custom.id', `METADATA of ${pkg}: custom.id ${show(custom.id)} is not a control id: letters and digits in parts joined by "-", starting with a letter (e.g. ACME-FIN-01)`);
  } else if (RESERVED.test(custom.id)) {
    err('custom.id', `METADATA of ${pkg}: custom.id ${custom.id} is in shareguard's own namespace (SG- and PLT- are reserved for built-in controls and platform rules): use a prefix of your own, e.g. ACME-`);
  }
  if (custom.severity === undefined) missing('severity', SEVERITIES.join(', '));
  else if (!(SEVERITIES as readonly unknown[]).includes(custom.severity)) {
    err('custom.severity', `METADATA of ${pkg}: custom.severity ${show(custom.severity)} is not one of ${SEVERITIES.join(', ')}`);
  }
  if (custom.remediation === undefined) missing('remediation', 'how to fix what the control finds');
  else if (!isNonEmptyString(custom.remediation)) err('custom.remediation', `METADATA of ${pkg}: custom.remediation must be non-empty text`);
  if (custom.sections === undefined) missing('sections', `the export sections the control reads, from ${SECTIONS.join(', ')}`);
  else if (!Array.isArray(custom.sections) || custom.sections.some((s) => !SECTIONS.includes(s as string))) {
    err('custom.sections', `METADATA of ${pkg}: custom.sections ${show(custom.sections)} must be a list of export sections (${SECTIONS.join(', ')})`);
  }
  if (custom.references !== undefined && (!Array.isArray(custom.references) || custom.references.some((r) => typeof r !== 'string'))) {
    err('custom.references', `METADATA of ${pkg}: custom.references must be a list of strings`);
  }
  if (custom.shards !== undefined && (!Array.isArray(custom.shards) || custom.shards.length === 0 || custom.shards.some((k) => !SHARD_KINDS.includes(k as string)))) {
    err('custom.shards', `METADATA of ${pkg}: custom.shards ${show(custom.shards)} must be a non-empty list of shard kinds (${SHARD_KINDS.join(', ')}), or absent to see the whole tenant at once`);
  }
  if (custom.countsPartition !== undefined && custom.countsPartition !== true) {
    err('custom.countsPartition', `METADATA of ${pkg}: custom.countsPartition must be true or absent`);
  }
  if (custom.reads !== undefined && !isReads(custom.reads)) {
    err('custom.reads', `METADATA of ${pkg}: custom.reads ${show(custom.reads)} must map users to the list of fields the control reads of the users it reaches through a reference (e.g. {users: [displayName, userPrincipalName]}), or be absent for every field`);
  }
  if (custom.area !== undefined && (typeof custom.area !== 'string' || !AREA_PATTERN.test(custom.area))) {
    err('custom.area', `METADATA of ${pkg}: custom.area ${show(custom.area)} must be a lower-case word (e.g. finance)`);
  }
  errors.push(...paramErrors(custom, pkg, (key, detail) => new InputError(detail, metadataPosition(texts, entry, key))));
  return errors;
}

/** custom.params must be a mapping of defaults; custom.paramSchema, when given, valid JSON Schemas of declared parameters that accept their defaults. */
function paramErrors(custom: Record<string, unknown>, pkg: string, error: (key: string, detail: string) => InputError): InputError[] {
  const errors: InputError[] = [];
  const params = custom.params;
  if (params !== undefined && !isRecord(params)) {
    errors.push(error('custom.params', `METADATA of ${pkg}: custom.params must map parameter names to their default values`));
    return errors;
  }
  const schemas = custom.paramSchema;
  if (schemas === undefined) return errors;
  if (!isRecord(schemas)) return [error('custom.paramSchema', `METADATA of ${pkg}: custom.paramSchema must map parameter names to JSON Schemas`)];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!params || !(name in params)) {
      errors.push(error('custom.paramSchema', `METADATA of ${pkg}: custom.paramSchema.${name} describes no parameter (custom.params has no ${name})`));
      continue;
    }
    if (!isRecord(schema)) {
      errors.push(error('custom.paramSchema', `METADATA of ${pkg}: custom.paramSchema.${name} must be a JSON Schema object`));
      continue;
    }
    try {
      const validate = compileSchema(schema);
      if (!validate(params[name])) {
        errors.push(error('custom.paramSchema', `METADATA of ${pkg}: the default of ${name} (${show(params[name])}) does not satisfy custom.paramSchema.${name}: ${validate.errors?.[0]?.message ?? 'invalid'}`));
      }
    } catch (e) {
      errors.push(error('custom.paramSchema', `METADATA of ${pkg}: custom.paramSchema.${name} is not a valid JSON Schema: ${(e as Error).message}`));
    }
  }
  return errors;
}

/**
 * Checks the custom packages opa found (inspection of the custom sources only) against the contract and
 * returns their controls' METADATA. `taken` are the controls already in the build (built-in), for unique ids.
 */
export function checkCustomPolicies(inspection: Inspection, files: readonly SourceFile[], taken: readonly ControlMetadata[]): ContractResult {
  const texts = new Texts(files);
  const errors: InputError[] = [];

  for (const [ns, nsFiles] of Object.entries(inspection.namespaces ?? {})) {
    const pkg = ns.replace(/^data\./, '');
    if (pkg.startsWith(CUSTOM_PREFIX)) continue;
    for (const staged of nsFiles) {
      errors.push(
        new InputError(
          `package ${pkg} is outside shareguard.custom: a custom policy's package must be shareguard.custom.<name> (see docs/writing-policies.md)`,
          packagePosition(texts, staged),
        ),
      );
    }
  }

  const annotated = packageAnnotations(inspection, CUSTOM_PREFIX);
  const controls: ControlMetadata[] = [];
  const ids = new Map<string, { pkg: string; at?: SourcePosition }>(taken.map((c) => [c.id.toLowerCase(), { pkg: c.package }]));
  for (const pkg of customPackages(inspection).sort()) {
    const nsFiles = inspection.namespaces?.[`data.${pkg}`] ?? [];
    const definesFindings = nsFiles.some((f) => FINDINGS_RULE.test(texts.lines(f).join('\n')));
    const entries = annotated.get(pkg) ?? [];
    const withId = entries.filter((e) => e.annotations?.custom?.id !== undefined);
    if (!definesFindings) {
      for (const e of withId) errors.push(new InputError(`${pkg} has custom.id in its METADATA but defines no findings rule: a control must produce findings`, metadataPosition(texts, e, 'custom.id')));
      continue;
    }
    if (entries.length === 0) {
      const file = nsFiles.find((f) => FINDINGS_RULE.test(texts.lines(f).join('\n'))) ?? nsFiles[0] ?? '';
      errors.push(
        new InputError(
          `${pkg} defines findings but has no package METADATA: put a "# METADATA" comment block with title, custom.id, custom.severity, custom.remediation and custom.sections right above its package line`,
          packagePosition(texts, file),
        ),
      );
      continue;
    }
    if (entries.length > 1) {
      const first = metadataPosition(texts, entries[0]!);
      for (const e of entries.slice(1)) {
        errors.push(new InputError(`${pkg} has package METADATA in two places (first at ${first.file}:${first.line}): keep one`, metadataPosition(texts, e)));
      }
      continue;
    }
    const entry = entries[0]!;
    const problems = metadataErrors(entry, pkg, texts);
    errors.push(...problems);
    if (problems.length > 0) continue;
    const control = controlMetadata(entry, 'custom');
    const at = metadataPosition(texts, entry, 'custom.id');
    const clash = ids.get(control.id.toLowerCase());
    if (clash) {
      const where = clash.at ? ` (${clash.at.file}:${clash.at.line})` : ' (a built-in control)';
      errors.push(new InputError(`METADATA of ${pkg}: custom.id ${control.id} is already the id of ${clash.pkg}${where}: ids must be unique`, at));
      continue;
    }
    ids.set(control.id.toLowerCase(), { pkg, at });
    controls.push(control);
  }
  return { controls: controls.sort(byId), errors };
}
