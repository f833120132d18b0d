import type { ImportContext } from '../context.js';
import { ENDPOINTS } from '../layout.js';
import type { RawNode } from '../node.js';
import { DIRECTORY_ROLE_TEMPLATES } from '../well-known.js';

/** Role display names by principal id, and where each principal's first assignment is (for warnings about it). */
export interface DirectoryRoles {
  byPrincipal: Map<string, Set<string>>;
  firstAssignment: Map<string, RawNode>;
}

/**
 * graph/v1.0/roleManagement/directory/roleAssignments (+ roleDefinitions for names) → principal id → role display
 * names. A built-in role's definition id is its template id, so the built-in names are known without the
 * definitions. With the definitions, an id in neither is an input error; without them, a custom role is kept
 * by its id. Undefined when assignments were not collected.
 */
export function readDirectoryRoles(ctx: ImportContext): DirectoryRoles | undefined {
  const assignments = ctx.raw.list(ENDPOINTS.roleAssignments.file);
  if (!assignments) {
    ctx.notCollected('users[].directoryRoles', ENDPOINTS.roleAssignments);
    return undefined;
  }
  const names = new Map<string, string>(Object.entries(DIRECTORY_ROLE_TEMPLATES));
  const definitions = ctx.raw.list(ENDPOINTS.roleDefinitions.file);
  for (const def of definitions ?? []) {
    const name = def.at('displayName').string();
    names.set(def.at('id').string().toLowerCase(), name);
    const template = def.at('templateId').optionalString();
    if (template) names.set(template.toLowerCase(), name);
  }
  const byPrincipal = new Map<string, Set<string>>();
  const firstAssignment = new Map<string, RawNode>();
  const unnamed = new Set<string>();
  for (const assignment of assignments) {
    const principalId = assignment.at('principalId').string();
    const definition = assignment.at('roleDefinitionId');
    let name = names.get(definition.string().toLowerCase());
    if (name === undefined && definitions) {
      throw definition.error(
        `unknown directory role ${JSON.stringify(definition.value)}: not a built-in role template and not in ${ENDPOINTS.roleDefinitions.file}.json`,
      );
    }
    if (name === undefined) {
      // Without the definitions a custom role has no name: keep its id, so that nothing is dropped.
      name = definition.string();
      unnamed.add(name);
    }
    const roles = byPrincipal.get(principalId) ?? new Set<string>();
    roles.add(name);
    byPrincipal.set(principalId, roles);
    if (!firstAssignment.has(principalId)) firstAssignment.set(principalId, assignment);
  }
  if (unnamed.size > 0) {
    ctx.note(`${unnamed.size} directory role(s) kept by id: not built in, and ${ENDPOINTS.roleDefinitions.file}.json (their names) was not collected`);
  }
  return { byPrincipal, firstAssignment };
}
