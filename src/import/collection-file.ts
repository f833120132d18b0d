import { COLLECTION_FILE, type MissingSection } from './layout.js';
import type { RawDir } from './raw-dir.js';

/** What `collect` recorded beside the raw responses: when, and what it could not read and why. */
export interface CollectionRecord {
  collectedAt: string | null;
  missing: MissingSection[];
}

/** Reads collection.json when the raw folder has one (a folder saved by hand has none). */
export function readCollectionRecord(raw: RawDir): CollectionRecord {
  if (!raw.exists(COLLECTION_FILE)) return { collectedAt: null, missing: [] };
  const root = raw.read(COLLECTION_FILE).requireObject('the collection record');
  const missing = root.at('missing').items().map((m) => ({ section: m.at('section').string(), reason: m.at('reason').string() }));
  const collectedAt = root.at('collectedAt').optionalString();
  if (collectedAt !== null && Number.isNaN(Date.parse(collectedAt))) throw root.at('collectedAt').error('expected an ISO 8601 date-time');
  return { collectedAt, missing };
}
