import fs from 'node:fs';
import path from 'node:path';
import { InputError, InputErrors, UsageError } from '../errors.js';
import type { ControlMetadata } from '../engine/bundle.js';
import type { Severity } from '../findings/severity.js';
import { readDocument } from '../document/read.js';
import { schemaErrors } from '../schema/document-errors.js';
import { isRecord } from '../document/safe-object.js';
import { compileSchema } from '../schema/ajv.js';
import { buildConfigSchema } from './schema.js';

/** The names shareguard looks for in the working directory when --config is not given. */
export const CONFIG_NAMES = ['shareguard.yaml', 'shareguard.yml', 'shareguard.json'];

/** What a configuration contributes to a scan: parameters per control, and on/off and severity per control. */
export interface ScanConfig {
  file?: string;
  params: Record<string, Record<string, unknown>>;
  controls: Record<string, { enabled?: boolean; severity?: Severity }>;
}

export const EMPTY_CONFIG: ScanConfig = { params: {}, controls: {} };

/** Finds the config file: the one named, else shareguard.yaml (or .yml/.json) in cwd, else none. */
export function findConfig(explicit: string | undefined, cwd = process.cwd()): string | undefined {
  if (explicit !== undefined) {
    if (!fs.existsSync(path.resolve(cwd, explicit))) throw new UsageError(`--config ${explicit}: no such file`);
    return explicit;
  }
  return CONFIG_NAMES.find((name) => fs.existsSync(path.join(cwd, name)));
}

/**
 * Reads and validates a config file against the schema generated from the controls' METADATA, then
 * resolves it: shared params are given to every control that declares a parameter of that name (a
 * control's own value wins). Any problem is an InputError with file:line:column.
 */
export function loadConfig(file: string, controls: readonly ControlMetadata[]): ScanConfig {
  const parsed = readDocument(file);
  if (parsed.value === null || parsed.value === undefined) {
    throw new InputError('the file is empty, not a shareguard configuration; a configuration has schemaVersion: 1 and controls or params', parsed.locate([]));
  }
  const errors = schemaErrors(parsed, compileSchema(buildConfigSchema(controls))).map(renameRoot);
  if (errors.length > 0) throw new InputErrors(errors);
  return resolveConfig(parsed.value as RawConfig, controls, file);
}

interface RawConfig {
  params?: Record<string, unknown>;
  controls?: Record<string, { enabled?: boolean; severity?: Severity; params?: Record<string, unknown> }>;
}

export function resolveConfig(raw: RawConfig, controls: readonly ControlMetadata[], file?: string): ScanConfig {
  const config: ScanConfig = { ...(file ? { file } : {}), params: {}, controls: {} };
  const shared = isRecord(raw.params) ? raw.params : {};
  for (const control of controls) {
    const own = raw.controls?.[control.id];
    const params: Record<string, unknown> = {};
    for (const name of Object.keys(control.params ?? {})) {
      if (own?.params && name in own.params) params[name] = own.params[name];
      else if (name in shared) params[name] = shared[name];
    }
    if (Object.keys(params).length > 0) config.params[control.id] = params;
    if (own && (own.enabled !== undefined || own.severity !== undefined)) {
      config.controls[control.id] = {
        ...(own.enabled !== undefined ? { enabled: own.enabled } : {}),
        ...(own.severity !== undefined ? { severity: own.severity } : {}),
      };
    }
  }
  return config;
}

/** The one rule for which controls run: every control of the policies, unless the configuration turns it off. */
export function enabledControls<C extends { id: string }>(controls: readonly C[], settings: Record<string, { enabled?: boolean }> | undefined): C[] {
  return controls.filter((c) => settings?.[c.id]?.enabled !== false);
}

/** Schema messages call the document's root "the export"; here it is the configuration. */
function renameRoot(error: InputError): InputError {
  return error.detail.startsWith('the export') ? new InputError(`the configuration${error.detail.slice('the export'.length)}`, error.position) : error;
}
