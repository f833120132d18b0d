/** Moved to src/document/safe-object.ts (a document helper, not part of loading an export); re-exported for stages that still import this path. */
export * from '../document/safe-object.js';
