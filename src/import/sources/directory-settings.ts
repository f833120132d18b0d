import type { ImportContext, Rec } from '../context.js';
import { ENDPOINTS, fill } from '../layout.js';
import type { RawNode } from '../node.js';
import { GROUP_UNIFIED_GUEST_TEMPLATE, GROUP_UNIFIED_TEMPLATE } from '../well-known.js';

/** One directory setting's values by name (values are strings: "true", "false", "True", …). */
export function settingValues(setting: RawNode): Map<string, RawNode> {
  const values = new Map<string, RawNode>();
  for (const v of setting.atAnyCase('values').items()) values.set(v.atAnyCase('name').string().toLowerCase(), v.atAnyCase('value'));
  return values;
}

/** The setting built from `template` in a list of settings (matched by templateId, else by displayName). */
export function findSetting(settings: RawNode[], template: string, displayName: string): RawNode | undefined {
  return settings.find((s) => {
    const id = s.atAnyCase('templateId').optionalString();
    if (id) return id.toLowerCase() === template;
    return s.atAnyCase('displayName').optionalString()?.toLowerCase() === displayName.toLowerCase();
  });
}

/**
 * graph/v1.0/groupSettings → m365Groups (the Group.Unified setting: AllowToAddGuests, AllowGuestsToAccessGroups).
 * A tenant that never created the setting has Microsoft's defaults, both true.
 */
export function readGroupUnifiedSetting(ctx: ImportContext): Rec | undefined {
  const endpoint = ENDPOINTS.groupSettings;
  const settings = ctx.raw.list(endpoint.file);
  if (!settings) {
    ctx.notCollected('externalCollaboration.m365Groups', endpoint);
    return undefined;
  }
  return mapGroupUnified(findSetting(settings, GROUP_UNIFIED_TEMPLATE, 'Group.Unified'));
}

export function mapGroupUnified(setting: RawNode | undefined): Rec {
  if (!setting) return { allowToAddGuests: true, allowGuestsToAccessGroups: true };
  const values = settingValues(setting);
  const flag = (name: string) => values.get(name.toLowerCase())?.looseBoolean() ?? true;
  return { allowToAddGuests: flag('AllowToAddGuests'), allowGuestsToAccessGroups: flag('AllowGuestsToAccessGroups') };
}

/**
 * graph/v1.0/groups/{id}/settings → the group's own allowToAddGuests (Group.Unified.Guest). No such setting, or
 * no value in it, means the group inherits the tenant setting: the export leaves the override null.
 * Undefined when the group's settings were not collected.
 */
export function readGroupGuestSetting(ctx: ImportContext, groupId: string): boolean | null | undefined {
  const settings = ctx.raw.list(fill(ENDPOINTS.groupGuestSettings.file, { id: groupId }));
  if (!settings) return undefined;
  const setting = findSetting(settings, GROUP_UNIFIED_GUEST_TEMPLATE, 'Group.Unified.Guest');
  if (!setting) return null;
  return settingValues(setting).get('allowtoaddguests')?.looseBoolean() ?? null;
}
