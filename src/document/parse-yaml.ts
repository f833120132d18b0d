import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from 'yaml';
import { InputError, type SourcePosition } from '../errors.js';
import { MAX_NESTING } from './parse-json.js';
import { firstLoneSurrogateEscape, hasLoneSurrogate, loneSurrogateError } from './surrogates.js';
import type { DocPath, ParsedFile } from './types.js';

/**
 * At most this many alias nodes per file, and yaml's own expansion limit (maxAliasCount) set to the same
 * number: an alias bomb ("billion laughs") fails at once instead of expanding.
 */
export const MAX_ALIASES = 100;

/**
 * YAML with positions. The core schema only (no custom or YAML 1.1 tags: an unknown tag is an error and is
 * never resolved), string keys, unique keys, one document per file, bounded aliases and nesting.
 */
export function parseYaml(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    schema: 'core',
    customTags: [],
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
    stringKeys: true,
    strict: true,
    logLevel: 'error',
  });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };

  const problem = firstProblem([...doc.errors, ...doc.warnings]);
  if (problem) throw new InputError(describeProblem(doc, problem, at), at(problem.pos[0]));

  checkAliasesAndNesting(doc, at);
  if (/\\[uU]/.test(text)) checkSurrogates(doc, text, at);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (thrown) {
    if (thrown instanceof ReferenceError || thrown instanceof RangeError) {
      const detail = /Excessive alias/.test(thrown.message)
        ? `aliases expand too much (limit ${MAX_ALIASES}); refusing to expand what looks like an alias bomb`
        : `cannot build the document: ${thrown.message}`;
      throw new InputError(detail, at(firstAliasOffset(doc) ?? 0));
    }
    throw thrown;
  }

  return {
    file,
    format: 'yaml',
    value,
    locate: (path: DocPath) => at(locateOffset(doc, path)),
    locateKey: (path: DocPath) => at(locateOffset(doc, path, true)),
  };
}

function firstProblem(problems: YAMLError[]): YAMLError | undefined {
  let first: YAMLError | undefined;
  for (const p of problems) if (!first || p.pos[0] < first.pos[0]) first = p;
  return first;
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function describeProblem(doc: Document, p: YAMLError, at: (offset: number) => SourcePosition): string {
  const first = p.message.split('\n')[0] ?? p.message;
  switch (p.code) {
    case 'DUPLICATE_KEY':
      return duplicateKeyMessage(doc, p.pos[0], at);
    case 'TAG_RESOLVE_FAILED': {
      const m = /^Unresolved tag: (.*)$/.exec(first);
      return m ? `unsupported tag ${shortTag(m[1] ?? '')} (tags other than the YAML core schema's are not allowed)` : `invalid YAML: ${first}`;
    }
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document (an export file is exactly one document)';
    case 'RESOURCE_EXHAUSTION':
      return `nesting too deep (more than ${MAX_NESTING} levels)`;
    case 'NON_STRING_KEY':
      return 'mapping keys must be plain scalars (strings), not collections or aliases';
    case 'BAD_DIRECTIVE':
      return `unsupported YAML directive: ${first}`;
    default:
      return `invalid YAML: ${first}`;
  }
}

function keyText(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

function duplicateKeyMessage(doc: Document, offset: number, at: (offset: number) => SourcePosition): string {
  let message = 'duplicate key';
  visit(doc, {
    Map(_key, map) {
      const index = map.items.findIndex((pair) => isScalar(pair.key) && pair.key.range?.[0] === offset);
      if (index < 0) return undefined;
      const key = keyText(map.items[index]?.key);
      const first = map.items.slice(0, index).find((pair) => keyText(pair.key) === key);
      message = `duplicate key ${JSON.stringify(key)}`;
      const firstOffset = isScalar(first?.key) ? first.key.range?.[0] : undefined;
      if (firstOffset !== undefined) {
        const p = at(firstOffset);
        message += ` (first defined at line ${p.line}, column ${p.column})`;
      }
      return visit.BREAK;
    },
  });
  return message;
}

/**
 * Before anything is expanded: every alias must name an anchor defined earlier and outside itself (a
 * self-containing alias would build a cyclic value), there may be at most MAX_ALIASES of them, and
 * collections may nest at most MAX_NESTING deep.
 */
function checkAliasesAndNesting(doc: Document, at: (offset: number) => SourcePosition): void {
  const anchors = new Map<string, YamlNode>();
  let aliases = 0;
  let error: InputError | undefined;
  visit(doc, {
    Node(_key, node, path) {
      const offset = node.range?.[0] ?? 0;
      if (path.length > MAX_NESTING) {
        let depth = isCollection(node) ? 1 : 0;
        for (const p of path) if (isCollection(p)) depth += 1;
        if (depth > MAX_NESTING) {
          error = new InputError(`nesting too deep (more than ${MAX_NESTING} levels)`, at(offset));
          return visit.BREAK;
        }
      }
      if (isAlias(node)) {
        aliases += 1;
        if (aliases > MAX_ALIASES) {
          error = new InputError(`too many aliases (more than ${MAX_ALIASES} in one file)`, at(offset));
          return visit.BREAK;
        }
        const source = anchors.get(node.source);
        if (!source) {
          error = new InputError(`alias *${node.source} refers to no anchor defined before it`, at(offset));
          return visit.BREAK;
        }
        if (path.includes(source)) {
          error = new InputError(`alias *${node.source} refers to a node that contains it (a cycle)`, at(offset));
          return visit.BREAK;
        }
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
      return undefined;
    },
  });
  if (error) throw error;
}

/**
 * A double-quoted scalar (key or value) whose escapes leave a lone surrogate: refused at the escape
 * (surrogates.ts says why). Only run when the text holds a `\u` or `\U` escape at all.
 */
function checkSurrogates(doc: Document, text: string, at: (offset: number) => SourcePosition): void {
  let error: InputError | undefined;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !hasLoneSurrogate(node.value)) return undefined;
      const [start = 0, end = start] = node.range ?? [];
      const lone = firstLoneSurrogateEscape(text.slice(start, end));
      const code = lone?.code ?? [...node.value].find((c) => hasLoneSurrogate(c))?.charCodeAt(0) ?? 0xd800;
      error = loneSurrogateError(code, at(start + (lone?.offset ?? 0)));
      return visit.BREAK;
    },
  });
  if (error) throw error;
}

function firstAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function toIndex(component: string | number): number | undefined {
  if (typeof component === 'number') return Number.isInteger(component) && component >= 0 ? component : undefined;
  return /^(0|[1-9]\d*)$/.test(component) ? Number(component) : undefined;
}

function locateOffset(doc: Document, path: DocPath, atKey = false): number {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const [i, component] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const want = String(component);
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === want);
      if (!pair) break;
      next = pair.value;
      keyNode = pair.key;
    } else if (isSeq(node)) {
      const idx = toIndex(component);
      next = idx === undefined ? undefined : node.items[idx];
      if (next === undefined) break;
    } else {
      break;
    }
    // An empty value (`key:` with nothing after it) has no useful range: point at its key instead.
    const valueStart = startOf(next);
    const empty = next == null || (isScalar(next) && next.range != null && next.range[0] === next.range[1]);
    const wantKey = atKey && i === path.length - 1 && keyNode !== undefined;
    offset = (empty || wantKey ? startOf(keyNode) : valueStart) ?? valueStart ?? offset;
    node = next;
  }
  return offset;
}

function startOf(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    return range?.[0];
  }
  return undefined;
}
