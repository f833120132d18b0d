import type { ImportContext, Rec } from '../context.js';
import { parseJson } from '../../document/parse-json.js';
import { ENDPOINTS } from '../layout.js';
import { RawNode, rootNode } from '../node.js';

/**
 * graph/beta/policies/b2bManagementPolicies → invitationDomains. The policy's `definition[0]` is a JSON document
 * in a string: `{"B2BManagementPolicy":{"InvitationsAllowedAndBlockedDomainsPolicy":{"AllowedDomains":[…]}}}`
 * (or BlockedDomains). No policy, or no domains policy in it, means no restriction (`none`).
 *
 * A tenant may hold several B2B management policies; only the one marked `isOrganizationDefault` is in force
 * (Graph: "only one can be activated as the organization default"), so that one is read and the others are
 * ignored with a warning. Several defaults, or several policies and no default, cannot say which applies.
 */
export function readB2bManagementPolicy(ctx: ImportContext): Rec | undefined {
  const endpoint = ENDPOINTS.b2bManagementPolicies;
  const policies = ctx.raw.list(endpoint.file);
  if (!policies) {
    ctx.notCollected('externalCollaboration.invitationDomains', endpoint);
    return undefined;
  }
  const b2b = policies.filter((p) => {
    const type = p.at('type').optionalString();
    return type === null || type.toLowerCase() === 'b2bmanagementpolicy';
  });
  const policy = b2b.length > 1 ? organisationDefault(ctx, b2b) : b2b[0];
  if (!policy) return { mode: 'none', domains: [] };
  return invitationDomains(policy);
}

function organisationDefault(ctx: ImportContext, policies: RawNode[]): RawNode {
  // The Graph docs show isOrganizationDefault as the string "true"; the service returns a boolean.
  const defaults = policies.filter((p) => p.at('isOrganizationDefault').looseBoolean() === true);
  if (defaults.length > 1) throw (defaults[1] as RawNode).at('isOrganizationDefault').error(`more than one B2B management policy is the organisation default (the first is ${(defaults[0] as RawNode).jsonPath}); only one can be in force`);
  const chosen = defaults[0];
  if (!chosen) throw (policies[1] as RawNode).error(`${policies.length} B2B management policies and none has isOrganizationDefault true: cannot tell which one is in force`);
  const ignored = policies.filter((p) => p !== chosen);
  ctx.warn(
    chosen,
    `${policies.length} B2B management policies: the organisation default (${chosen.jsonPath}) is read; ${ignored.length === 1 ? 'the other one is' : `the other ${ignored.length} are`} not in force and ignored (${ignored.map((p) => p.jsonPath).join(', ')})`,
    null,
  );
  return chosen;
}

/**
 * The domains policy of a definition. Microsoft's allow/deny list page and admin tools write both keys, one of
 * them empty (`{"AllowedDomains": [], "BlockedDomains": ["…"]}`): an empty list restricts nothing, so the
 * non-empty one applies. Both non-empty is a definition Microsoft does not accept (one list at a time): an error.
 */
function invitationDomains(policy: RawNode): Rec {
  const definition = policy.at('definition').at(0);
  const text = definition.string();
  let parsed: RawNode;
  try {
    parsed = rootNode(parseJson(`${policy.file.file} ${definition.jsonPath}`, text));
  } catch (e) {
    throw definition.error(`the definition is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const domainsPolicy = parsed.atAnyCase('B2BManagementPolicy').atAnyCase('InvitationsAllowedAndBlockedDomainsPolicy');
  if (domainsPolicy.isMissing) return { mode: 'none', domains: [] };
  const inDefinition = (node: RawNode): string[] => {
    try {
      return node.optionalStrings() ?? [];
    } catch {
      throw definition.error(`${node.jsonPath.replace(/^\$/, 'definition')} must be a list of domain names`);
    }
  };
  const allowed = inDefinition(domainsPolicy.atAnyCase('AllowedDomains'));
  const blocked = inDefinition(domainsPolicy.atAnyCase('BlockedDomains'));
  if (allowed.length > 0 && blocked.length > 0) {
    throw definition.error(`the definition has both AllowedDomains (${allowed.length}) and BlockedDomains (${blocked.length}); Microsoft applies one list at a time, so which one is in force cannot be told`);
  }
  if (allowed.length > 0) return { mode: 'allowList', domains: allowed };
  if (blocked.length > 0) return { mode: 'blockList', domains: blocked };
  return { mode: 'none', domains: [] };
}
