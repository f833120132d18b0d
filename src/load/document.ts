/**
 * Moved: the general document reader is src/document/read.ts and its schema check src/schema/document-errors.ts
 * (they are not part of loading an export). Kept as a re-export so that stages still importing this path build;
 * import from the new places in new code.
 */
export { readDocument } from '../document/read.js';
export { schemaErrors, sortByPosition } from '../schema/document-errors.js';
