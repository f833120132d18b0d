import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';
import { readGroupGuestSetting } from './directory-settings.js';

/**
 * graph/v1.0/groups → the groups section; members and owners from each group's members/owners listing (direct
 * members only, any object type: users, groups, devices, service principals are all kept as principal ids);
 * allowToAddGuests from the group's own Group.Unified.Guest setting. A listing not collected for a group leaves
 * that list null ("not known"), never empty; a Microsoft 365 group without its settings listing leaves
 * allowToAddGuests null and the field is recorded as not collected for those groups.
 */
export function readGroups(ctx: ImportContext): Rec[] | undefined {
  const endpoint = ENDPOINTS.groups;
  const items = ctx.raw.list(endpoint.file);
  if (!items) {
    ctx.notCollected('groups', endpoint);
    return undefined;
  }
  let membersMissing = 0;
  let ownersMissing = 0;
  let unified = 0;
  let settingsMissing = 0;
  const groups = items.map((node) => {
    node.requireObject('a group');
    const id = node.at('id').string();
    const members = ctx.raw.list(fill(ENDPOINTS.groupMembers.file, { id }));
    const owners = ctx.raw.list(fill(ENDPOINTS.groupOwners.file, { id }));
    if (!members) membersMissing += 1;
    if (!owners) ownersMissing += 1;
    const groupTypes = node.at('groupTypes').optionalStrings();
    const guestSetting = readGroupGuestSetting(ctx, id);
    // collect saves every Microsoft 365 group's settings listing (empty when the group has no override), so an
    // absent one was not read: the group's override is unknown, not "inherits the tenant's setting".
    if (groupTypes?.some((t) => t.toLowerCase() === 'unified')) {
      unified += 1;
      if (guestSetting === undefined) settingsMissing += 1;
    }
    const group: Rec = {
      id,
      displayName: node.at('displayName').string(),
      mail: node.at('mail').optionalString(),
      groupTypes,
      securityEnabled: node.at('securityEnabled').optionalBoolean(),
      visibility: node.at('visibility').optionalString(),
      allowToAddGuests: guestSetting ?? null,
      members: members ? members.map((m) => m.at('id').string()) : null,
      owners: owners ? owners.map((o) => o.at('id').string()) : null,
    };
    return ctx.track(group, node);
  });
  if (membersMissing > 0) ctx.missingBecause('groups[].members', `not collected for ${membersMissing} of ${groups.length} group(s): ${ENDPOINTS.groupMembers.file}.json absent (needs ${ENDPOINTS.groupMembers.permission})`);
  if (ownersMissing > 0) ctx.missingBecause('groups[].owners', `not collected for ${ownersMissing} of ${groups.length} group(s): ${ENDPOINTS.groupOwners.file}.json absent (needs ${ENDPOINTS.groupOwners.permission})`);
  if (settingsMissing > 0) {
    const file = ENDPOINTS.groupGuestSettings.file;
    ctx.missingBecause(
      'groups[].allowToAddGuests',
      `not collected for ${settingsMissing} of ${unified} Microsoft 365 group(s): ${file}.json absent (needs ${ENDPOINTS.groupGuestSettings.permission}); their own guest setting is unknown, left null`,
    );
  }
  return groups;
}
