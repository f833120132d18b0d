import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS } from '../layout.js';

/** graph/v1.0/organization → the tenant section (id, name, initial and verified domains). */
export function readOrganization(ctx: ImportContext): Rec | undefined {
  const endpoint = ENDPOINTS.organization;
  const list = ctx.raw.list(endpoint.file);
  if (!list) {
    ctx.notCollected('tenant', endpoint);
    return undefined;
  }
  const org = list[0];
  if (!org || list.length !== 1) {
    const at = org ?? ctx.raw.read(`${endpoint.file}.json`);
    throw at.error(`expected exactly one organization, found ${list.length}`);
  }
  org.requireObject('an organization');
  const domains = org.at('verifiedDomains').items();
  let initialDomain: string | undefined;
  const verified: string[] = [];
  for (const domain of domains) {
    const name = domain.at('name').string();
    if (domain.at('isInitial').optionalBoolean() === true) initialDomain = name;
    else verified.push(name);
  }
  if (initialDomain === undefined) throw org.at('verifiedDomains').error('no domain has isInitial true: the initial (onmicrosoft) domain is needed');
  return ctx.track(
    {
      id: org.at('id').string(),
      displayName: org.at('displayName').string(),
      initialDomain,
      verifiedDomains: verified,
    },
    org,
  );
}
