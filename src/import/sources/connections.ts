import type { ImportContext } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';

/**
 * powerplatform/powerapps/environments/{env}/connections → connection name → the id of the user whose
 * credentials it holds (createdBy). Undefined when the environment's connections were not collected.
 */
export function readConnections(ctx: ImportContext, env: string): Map<string, string | null> | undefined {
  const items = ctx.raw.list(fill(ENDPOINTS.connections.file, { env }));
  if (!items) return undefined;
  const owners = new Map<string, string | null>();
  for (const node of items) {
    node.requireObject('a connection');
    owners.set(node.at('name').string(), node.at('properties').at('createdBy').at('id').optionalString());
  }
  return owners;
}
