import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS } from '../layout.js';
import type { RawNode } from '../node.js';

const ACCESS = { allowed: 'allowed', blocked: 'blocked' } as const;

/**
 * graph/v1.0/policies/crossTenantAccessPolicy/default and /partners → crossTenantAccess. B2B collaboration in a
 * direction is the `usersAndGroups.accessType` of b2bCollaborationInbound / Outbound. A partner whose setting is
 * null inherits the default: the export leaves it null, which the model reads as "as the default".
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
    out.partners = partners.map((p) =>
      ctx.track(
        {
          tenantId: p.at('tenantId').string(),
          b2bCollaborationInbound: direction(p.at('b2bCollaborationInbound')),
          b2bCollaborationOutbound: direction(p.at('b2bCollaborationOutbound')),
        },
        p,
      ),
    );
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
