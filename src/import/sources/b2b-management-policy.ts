import type { ImportContext, Rec } from '../context.js';
import { parseJson } from '../../load/parse-json.js';
import { ENDPOINTS } from '../layout.js';
import { RawNode, rootNode } from '../node.js';

/**
 * graph/beta/policies/b2bManagementPolicies → invitationDomains. The policy's `definition[0]` is a JSON document
 * in a string: `{"B2BManagementPolicy":{"InvitationsAllowedAndBlockedDomainsPolicy":{"AllowedDomains":[…]}}}`
 * (or BlockedDomains). No policy, or no domains policy in it, means no restriction (`none`).
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
  if (b2b.length > 1) throw (b2b[1] as RawNode).error('more than one B2B management policy');
  const policy = b2b[0];
  if (!policy) return { mode: 'none', domains: [] };
  return invitationDomains(policy);
}

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
  const allowed = domainsPolicy.atAnyCase('AllowedDomains');
  const blocked = domainsPolicy.atAnyCase('BlockedDomains');
  if (!allowed.isMissing && !blocked.isMissing) throw definition.error('the definition has both AllowedDomains and BlockedDomains; only one can apply');
  const inDefinition = (node: RawNode): string[] => {
    try {
      return node.optionalStrings() ?? [];
    } catch {
      throw definition.error(`${node.jsonPath.replace(/^\$/, 'definition')} must be a list of domain names`);
    }
  };
  if (!allowed.isMissing) return { mode: 'allowList', domains: inDefinition(allowed) };
  if (!blocked.isMissing) return { mode: 'blockList', domains: inDefinition(blocked) };
  return { mode: 'none', domains: [] };
}
