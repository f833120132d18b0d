import fs from 'node:fs';
import path from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { ROOT } from './cli.js';

let validator: ValidateFunction | undefined;

/**
 * The SARIF 2.1.0 JSON Schema of Microsoft's SARIF SDK (JSON Schema 2020-12; see test/fixtures/sarif/SOURCE.md),
 * compiled with ajv's 2020-12 class and the standard formats (uri, uri-reference, date-time, uuid…). Not in
 * strict mode: the schema has `required` inside `anyOf` branches, which strict mode refuses to compile.
 */
export function sarifValidator(): ValidateFunction {
  if (validator) return validator;
  const Ajv2020 = Ajv2020Module.default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajvFormatsModule.default(ajv);
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  validator = ajv.compile(schema);
  return validator;
}

/** Schema errors of a SARIF document, one line each ([] when valid). */
export function sarifErrors(doc: unknown): string[] {
  const validate = sarifValidator();
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
