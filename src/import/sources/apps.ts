import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';

const ROLES = { CanView: 'CanView', CanEdit: 'CanEdit', Owner: 'Owner' } as const;
const TYPES = { User: 'User', Group: 'Group', Tenant: 'Tenant' } as const;

/**
 * Canvas apps of every environment with an apps listing; shares from each app's permissions listing (a `Tenant`
 * principal is a share with everyone: sharedWithEveryone). Shares not collected leave sharedWith null.
 */
export function readApps(ctx: ImportContext, environmentIds: readonly string[] | undefined): Rec[] | undefined {
  const endpoint = ENDPOINTS.apps;
  const envs = [...new Set([...(environmentIds ?? []), ...ctx.raw.subfolders('powerplatform/powerapps/environments')])];
  const present = envs.filter((env) => ctx.raw.has(fill(endpoint.file, { env })));
  if (present.length === 0) {
    ctx.notCollected('apps', endpoint);
    return undefined;
  }
  let sharesMissing = 0;
  const apps: Rec[] = [];
  for (const env of present) {
    for (const node of ctx.raw.list(fill(endpoint.file, { env })) ?? []) {
      node.requireObject('an app');
      const props = node.at('properties');
      const id = node.at('name').string();
      const app: Rec = {
        id,
        displayName: props.at('displayName').string(),
        environmentId: props.at('environment').at('name').optionalString() ?? env,
        ownerId: props.at('owner').at('id').string(),
        sharedWith: null,
        sharedWithEveryone: null,
        createdTime: props.at('createdTime').optionalString(),
        lastModifiedTime: props.at('lastModifiedTime').optionalString(),
      };
      const permissions = ctx.raw.list(fill(ENDPOINTS.appPermissions.file, { env, app: id }));
      if (permissions) {
        const shares: Rec[] = [];
        let everyone = false;
        for (const p of permissions) {
          const pp = p.at('properties');
          const role = pp.at('roleName').oneOf(ROLES, 'app role');
          const type = pp.at('principal').at('type').oneOf(TYPES, 'principal type');
          if (type === 'Tenant') everyone = true;
          else if (role !== 'Owner') shares.push({ principalId: pp.at('principal').at('id').string(), principalType: type, role });
        }
        app.sharedWith = shares;
        app.sharedWithEveryone = everyone;
      } else {
        sharesMissing += 1;
      }
      apps.push(ctx.track(app, node));
    }
  }
  if (sharesMissing > 0) ctx.missingBecause('apps[].sharedWith', `not collected for ${sharesMissing} of ${apps.length} app(s): ${ENDPOINTS.appPermissions.file}.json absent (needs ${ENDPOINTS.appPermissions.permission})`);
  return apps;
}
