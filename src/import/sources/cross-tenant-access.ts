import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS } from '../layout.js';
import type { RawNode } from '../node.js';

const ACCESS = { allowed: 'allowed', blocked: 'blocked' } as const;

/**
 * graph/v1.0/policies/crossTenantAccessPolicy/default and /partners → crossTenantAccess. B2B collaboration in a
 * direction is the `usersAndGroups.accessType` of b2bCollaborationInbound / Outbound. A partner whose setting is
 * null inherits the default: the export leaves it null, which the model reads as "as the default".
 *
 * A partner saved without the property at all (a `$select` that left it out, as in Graph's own
 * `$select=tenantId` example) says nothing about it: that is not "inherit". Its field is left out of the export
 * and the partners are recorded as not collected, so that a scan does not read a setting nobody saved.
 */
export function readCrossTenantAccess(ctx: ImportContext): Rec | undefined {
  const defaults = ctx.raw.single(ENDPOINTS.crossTenantDefault.file);
  const partners = ctx.raw.list(ENDPOINTS.crossTenantPartners.file);
  if (!defaults && !partners) {
    ctx.notCollected('externalCollaboration.crossTenantAccess', ENDPOINTS.crossTenantDefault);
    return undefined;
  }
  const out: Rec = {};
  if (defaults) {
    defaults.requireObject('the cross-tenant access default');
    if (defaults.at('b2bCollaborationInbound').isMissing && defaults.at('b2bCollaborationOutbound').isMissing) {
      throw defaults.error('expected b2bCollaborationInbound/Outbound in the cross-tenant access default (is this another endpoint\'s response?)');
    }
    out.default = { b2bCollaborationInbound: direction(defaults.at('b2bCollaborationInbound')), b2bCollaborationOutbound: direction(defaults.at('b2bCollaborationOutbound')) };
  } else {
    ctx.notCollected('externalCollaboration.crossTenantAccess.default', ENDPOINTS.crossTenantDefault);
  }
  if (partners) {
    let unsaved = 0;
    out.partners = partners.map((p) => {
      p.requireObject('a cross-tenant access partner');
      const partner: Rec = { tenantId: p.at('tenantId').string() };
      let complete = true;
      for (const key of ['b2bCollaborationInbound', 'b2bCollaborationOutbound']) {
        // Absent (undefined) is not saved; present and null is "inherit the default".
        if (p.at(key).value === undefined) complete = false;
        else partner[key] = direction(p.at(key));
      }
      if (!complete) unsaved += 1;
      return ctx.track(partner, p);
    });
    if (unsaved > 0) {
      ctx.missingBecause(
        'externalCollaboration.crossTenantAccess.partners',
        `not collected for ${unsaved} of ${partners.length} partner(s): saved without b2bCollaborationInbound/Outbound (a $select that left them out?)`,
      );
    }
  } else {
    ctx.notCollected('externalCollaboration.crossTenantAccess.partners', ENDPOINTS.crossTenantPartners);
  }
  return out;
}

/** One direction's setting: null (inherit) when absent, else the users-and-groups access type. */
function direction(node: RawNode): string | null {
  if (node.isMissing) return null;
  return node.requireObject('a B2B collaboration setting').at('usersAndGroups').at('accessType').oneOf(ACCESS, 'accessType');
}
