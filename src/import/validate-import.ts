import { InputErrors, type SourcePosition } from '../errors.js';
import { isRecord } from '../document/safe-object.js';
import type { DocPath, ParsedFile } from '../load/types.js';
import { explainErrors } from '../schema/explain.js';
import { tenantSchema } from '../schema/validate.js';
import { compileSchema } from '../schema/ajv.js';
import type { ImportedExport } from './assemble.js';

let validator: ReturnType<typeof compileSchema> | undefined;

/**
 * Checks an imported export against the same schema `scan` uses. A problem is reported at the raw file and line
 * of the object it came from (the nearest mapped object that remembers its origin), naming the export field.
 */
export function validateImported(imported: ImportedExport, rawDir: string): void {
  const validate = (validator ??= compileSchema(tenantSchema()));
  if (validate(imported.document)) return;
  const virtual: ParsedFile = {
    file: rawDir,
    format: 'json',
    value: imported.document,
    locate: (path: DocPath): SourcePosition => originPosition(imported, path) ?? { file: rawDir, line: 1, column: 1 },
  };
  throw new InputErrors(explainErrors(virtual, validate.errors ?? []).map((e) => e));
}

function originPosition(imported: ImportedExport, path: DocPath): SourcePosition | undefined {
  let value: unknown = imported.document;
  let found: SourcePosition | undefined;
  for (const key of path) {
    if (value === null || typeof value !== 'object') break;
    value = (value as Record<string | number, unknown>)[key];
    if (isRecord(value)) {
      const origin = imported.context.originOf(value);
      if (origin) found = origin.file.locate(origin.path);
    }
  }
  return found;
}
