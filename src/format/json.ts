import { forJson } from './neutralise.js';
import type { Formatter } from './types.js';

/** The documented JSON document (tenant-model.md: "Output documents"). */
export const formatJson: Formatter = (result) => `${forJson(result, 2)}\n`;
