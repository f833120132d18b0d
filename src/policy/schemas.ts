import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from './opa.js';

/**
 * The JSON Schema of data.tenant (what the normaliser produces, what every policy reads), as shipped in the
 * package. It is the one description of data.tenant: docs/policy-input.md is generated from it.
 */
export const DATA_TENANT_SCHEMA_FILE = path.join(PACKAGE_ROOT, 'schemas', 'data-tenant.schema.json');

/** The name a policy's METADATA gives it: `schemas: - data.tenant: schema["data-tenant"]`. */
export const DATA_TENANT_SCHEMA = 'data-tenant';

/**
 * Writes the folder given to `opa check|test --schema`: opa names each schema in it by its file name without
 * `.json`, so the file is copied as data-tenant.json (the shipped schemas/ folder holds other schemas, and
 * data-tenant.schema.json there would be named "data-tenant.schema"). A policy is type-checked against the
 * schema only where its METADATA declares it (every built-in control does; a custom policy may); opa ignores
 * the folder for the others. Returns the folder.
 */
export function writeSchemaDir(dir: string): string {
  const out = path.join(dir, 'opa-schemas');
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(DATA_TENANT_SCHEMA_FILE, path.join(out, `${DATA_TENANT_SCHEMA}.json`));
  return out;
}
