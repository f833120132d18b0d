/** Moved to src/document/parse-json.ts (a document helper, not part of loading an export); re-exported for stages that still import this path. */
export * from '../document/parse-json.js';
