import type { Formatter } from './types.js';

/** The documented JSON document (tenant-model.md: "Output documents"). */
export const formatJson: Formatter = (result) => `${JSON.stringify(result, null, 2)}\n`;
