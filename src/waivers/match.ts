import type { AppliedWaiver, Finding } from '../findings/types.js';

/** A `*` pattern (or a plain id) → a whole-string, case-insensitive test: ids are GUIDs, whose case varies by API. */
export function idPattern(pattern: string): (id: string) => boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`, 'is');
  return (id) => re.test(id);
}

/** Does the waiver cover the finding: same control, resource id matches, and the principal too when it names one? */
export function waiverMatcher(waiver: AppliedWaiver): (finding: Finding) => boolean {
  const resource = idPattern(waiver.resource);
  const principal = waiver.principal === undefined ? undefined : idPattern(waiver.principal);
  return (f) =>
    f.controlId === waiver.controlId &&
    resource(f.resource.id) &&
    (principal === undefined || (f.principal !== undefined && principal(f.principal.id)));
}
