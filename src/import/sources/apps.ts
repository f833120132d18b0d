import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';

const ROLES = { CanView: 'CanView', CanEdit: 'CanEdit', Owner: 'Owner' } as const;
const TYPES = { User: 'User', Group: 'Group', Tenant: 'Tenant' } as const;

/**
 * Canvas apps of every environment with an apps listing; shares from each app's permissions listing (a `Tenant`
 * principal is a share with everyone: sharedWithEveryone). Shares not collected leave sharedWith null.
 *
 * The owner is the apps listing's `properties.owner.id`, the one owner the export holds. The permissions
 * listing is authoritative for who may edit the app: an `Owner` entry for another principal (the owner was
 * changed after one listing was saved, or the two were saved at different times) is kept as a CanEdit share,
 * the export's role for "may change and re-share the app", so its edit rights reach the sharing controls; and
 * it is reported, since which of the two owns the app is then not known.
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
        const ownerId = app.ownerId as string;
        for (const p of permissions) {
          const pp = p.at('properties');
          const role = pp.at('roleName').oneOf(ROLES, 'app role');
          const type = pp.at('principal').at('type').oneOf(TYPES, 'principal type');
          if (type === 'Tenant') {
            everyone = true;
            continue;
          }
          const principalId = pp.at('principal').at('id').string();
          if (role !== 'Owner') {
            shares.push({ principalId, principalType: type, role });
          } else if (principalId.toLowerCase() !== ownerId.toLowerCase()) {
            shares.push({ principalId, principalType: type, role: 'CanEdit' });
            ctx.warn(
              pp.at('roleName'),
              `app "${app.displayName as string}" (${id}): ${type.toLowerCase()} ${principalId} is Owner in the app's permissions, but the apps listing names ${ownerId} as owner; kept as a CanEdit share (the permissions listing decides who may edit), ownerId left as the apps listing's`,
              'apps[].ownerId',
            );
          }
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

