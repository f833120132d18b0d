import type { ImportedExport } from './assemble.js';

/** Placeholder until the ScubaGear reader lands. */
export function findScubaGearExport(_input: string, _isDirectory: boolean): string | undefined {
  return undefined;
}

export function importScubaGear(_file: string): ImportedExport {
  throw new Error('not yet');
}
