import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import ajvFormatsModule from 'ajv-formats';

/** Compiles a JSON Schema (draft 2020-12) in strict mode, reporting all errors, with the standard formats. */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  // ajv and ajv-formats are CommonJS modules whose class / plugin is their `default` export.
  const Ajv2020 = Ajv2020Module.default;
  const addFormats = ajvFormatsModule.default;
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** A schema shipped in <package>/schemas (the same relative place from src/ and dist/), read and compiled once, when first used. */
export function shippedSchema(fileName: string): { url: URL; schema: () => Record<string, unknown>; validate: () => ValidateFunction } {
  const url = new URL(`../../schemas/${fileName}`, import.meta.url);
  let schema: Record<string, unknown> | undefined;
  let validator: ValidateFunction | undefined;
  const read = () => (schema ??= JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>);
  return { url, schema: read, validate: () => (validator ??= compileSchema(read())) };
}
