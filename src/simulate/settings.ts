import type { ValidateFunction } from 'ajv';
import { SETTING_PATHS, type SettingPath } from '../tenant-model/description.js';
import { settingSchemas } from '../tenant-model/settable.js';
import { compileSchema } from '../schema/ajv.js';

/**
 * The values a `set` may give each setting: derived from schemas/tenant.schema.json at the setting's path
 * (src/tenant-model/settable.ts), null ("unknown" in an export) left out since it is never a valid new value.
 */
export const SETTING_SCHEMAS: Record<SettingPath, Record<string, unknown>> = settingSchemas();

export function isSettingPath(path: unknown): path is SettingPath {
  return typeof path === 'string' && (SETTING_PATHS as readonly string[]).includes(path);
}

const validators = new Map<SettingPath, ValidateFunction>();

/** The compiled value schema of one setting (compiled once per process). */
export function settingValidator(path: SettingPath): ValidateFunction {
  let validate = validators.get(path);
  if (!validate) {
    validate = compileSchema(SETTING_SCHEMAS[path]);
    validators.set(path, validate);
  }
  return validate;
}
