import type { NotEvaluated } from './types.js';

/** A section the export says could not be read (its `collection.missing`), and why. */
export interface NotCollected {
  section: string;
  reason: string;
}

/**
 * Joins what the export says was not collected to what the controls say they could not evaluate: a control's
 * report on a section (or a field inside it) gains the collection's reason, e.g. the missing permission; a
 * section no control reported on is listed on its own (no controls), so that nothing missing is passed over.
 */
export function withCollectionReasons(notEvaluated: readonly NotEvaluated[], missing: readonly NotCollected[]): NotEvaluated[] {
  if (missing.length === 0) return [...notEvaluated];
  const used = new Set<NotCollected>();
  const out = notEvaluated.map((n) => {
    const m = missing.find((x) => overlaps(n.section, x.section));
    if (!m) return n;
    used.add(m);
    return { ...n, reason: `${n.reason} (${m.reason})` };
  });
  for (const m of missing) if (!used.has(m)) out.push({ section: m.section, controls: [], reason: m.reason });
  return out.sort((x, y) => x.section.localeCompare(y.section) || x.reason.localeCompare(y.reason));
}

/** Whether one dotted path is the other or lies inside it: users ⊇ users[].lastSignInDateTime. */
function overlaps(a: string, b: string): boolean {
  const inside = (child: string, parent: string) => child.startsWith(`${parent}.`) || child.startsWith(`${parent}[`);
  return a === b || inside(a, b) || inside(b, a);
}
