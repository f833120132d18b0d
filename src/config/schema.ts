import type { ControlMetadata } from '../engine/bundle.js';
import { SEVERITIES } from '../findings/severity.js';

type Schema = Record<string, unknown>;

/**
 * A parameter's schema: the control's own (METADATA custom.paramSchema) when it gives one, else derived
 * from the type of its default (ESLint's meta.schema habit, with a fallback). Counts and day numbers may
 * not be negative; a parameter whose name ends in "Patterns" holds regular expressions.
 */
export function paramSchema(name: string, defaultValue: unknown, declared?: Schema): Schema {
  if (declared) return declared;
  if (typeof defaultValue === 'number') {
    return Number.isInteger(defaultValue) ? { type: 'integer', minimum: 0 } : { type: 'number', minimum: 0 };
  }
  if (typeof defaultValue === 'boolean') return { type: 'boolean' };
  if (typeof defaultValue === 'string') return { type: 'string' };
  if (Array.isArray(defaultValue)) {
    const item: Schema = name.endsWith('Patterns') ? { type: 'string', format: 'regex' } : { type: 'string', minLength: 1 };
    return { type: 'array', items: item };
  }
  return {};
}

function controlParams(control: ControlMetadata): Record<string, Schema> {
  const declared = control.paramSchema ?? {};
  return Object.fromEntries(
    Object.entries(control.params ?? {}).map(([name, value]) => [
      name,
      { description: `Default: ${JSON.stringify(value)}.`, ...paramSchema(name, value, declared[name]), default: value },
    ]),
  );
}

/** Custom control ids: anything but the built-in namespaces (SG-, PLT-). */
const CUSTOM_ID = '^(?![Ss][Gg]-|[Pp][Ll][Tt]-)[A-Za-z0-9][A-Za-z0-9_.-]*$';

/**
 * The JSON Schema of shareguard.yaml for a set of controls: unknown control ids and parameters are errors.
 * `forEditors` is the published schema (schemas/config.schema.json), written from the built-in controls
 * alone: it also accepts settings for your own controls (ids outside SG-/PLT-) and shared parameters it
 * does not know, which a run then checks against the policies it really loads.
 */
export function buildConfigSchema(controls: readonly ControlMetadata[], options: { forEditors?: boolean } = {}): Schema {
  const shared: Record<string, Schema> = {};
  const perControl: Record<string, Schema> = {};
  for (const control of controls) {
    const params = controlParams(control);
    for (const [name, schema] of Object.entries(params)) shared[name] ??= { ...schema, description: `Shared: applies to every control with a "${name}" parameter.` };
    perControl[control.id] = {
      type: 'object',
      description: `${control.title} (default severity ${control.severity}).`,
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', description: 'false turns the control off.' },
        severity: { type: 'string', enum: [...SEVERITIES], description: `Overrides the default severity (${control.severity}).` },
        params: { type: 'object', additionalProperties: false, properties: params },
      },
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://shareguard.dev/schemas/config.schema.json',
    title: 'shareguard configuration (shareguard.yaml)',
    description:
      'Turns controls on or off, overrides their severity and sets their parameters. Generated from the controls\' METADATA by `npm run docs:build`; do not edit.',
    type: 'object',
    required: ['schemaVersion'],
    additionalProperties: false,
    properties: {
      schemaVersion: { const: 1, description: 'Version of the configuration format.' },
      params: {
        type: 'object',
        description: 'Parameters shared by several controls (e.g. sensitiveGroupPatterns); a control\'s own params win.',
        additionalProperties: options.forEditors === true,
        properties: shared,
      },
      controls: {
        type: 'object',
        description: 'Settings per control id.',
        additionalProperties: false,
        properties: perControl,
        ...(options.forEditors
          ? {
              patternProperties: {
                [CUSTOM_ID]: {
                  type: 'object',
                  description: 'One of your own controls (--policy or --bundle); a run checks its parameters against its METADATA.',
                  additionalProperties: false,
                  properties: {
                    enabled: { type: 'boolean', description: 'false turns the control off.' },
                    severity: { type: 'string', enum: [...SEVERITIES], description: 'Overrides the default severity.' },
                    params: { type: 'object' },
                  },
                },
              },
            }
          : {}),
      },
    },
  };
}
