import type { ImportContext, Rec } from '../context.js';
import { defineOwn, isRecord } from '../../load/safe-object.js';
import { ENDPOINTS } from '../layout.js';
import type { RawNode } from '../node.js';

/**
 * Get-TenantSettings (the listTenantSettings response) → powerPlatform.tenantSettings. The top-level switches
 * (disableTrialEnvironmentCreationByNonAdminUsers, …) are kept under their own names; the Power Apps ones
 * nested in powerPlatform.powerApps (enableGuestsToMake, disableShareWithEveryone, …) are lifted beside them,
 * as the export names them.
 */
export function readTenantSettings(ctx: ImportContext): Rec | undefined {
  const endpoint = ENDPOINTS.tenantSettings;
  const response = ctx.raw.single(endpoint.file);
  if (!response) {
    ctx.notCollected('powerPlatform.tenantSettings', endpoint);
    return undefined;
  }
  return mapTenantSettings(Array.isArray(response.value) ? onlyItem(response) : response);
}

function onlyItem(list: RawNode): RawNode {
  const items = list.items();
  if (items.length !== 1) throw list.error(`expected one tenant settings object, found ${items.length}`);
  return items[0] as RawNode;
}

export function mapTenantSettings(settings: RawNode): Rec {
  settings.requireObject('the tenant settings');
  const value = settings.value as Rec;
  const powerApps = settings.atAnyCase('powerPlatform').atAnyCase('powerApps');
  if (!Object.keys(value).some((k) => /^(disable|enable|walkMe)/i.test(k)) && powerApps.isMissing) {
    throw settings.error('expected Power Platform tenant settings (disable…/enable… switches, powerPlatform.powerApps), found none (is this another endpoint\'s response?)');
  }
  const out: Rec = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') defineOwn(out, camel(key), settings.at(key).value);
  }
  if (!powerApps.isMissing) {
    powerApps.requireObject('powerPlatform.powerApps');
    const apps = powerApps.value as Rec;
    for (const key of Object.keys(apps)) if (!isRecord(apps[key]) && !Array.isArray(apps[key])) defineOwn(out, camel(key), apps[key]);
  }
  for (const key of ['enableGuestsToMake', 'disableShareWithEveryone']) {
    if (key in out && typeof out[key] !== 'boolean') out[key] = settings.atAnyCase('powerPlatform').atAnyCase('powerApps').atAnyCase(key).looseBoolean();
  }
  return out;
}

/** PowerShell output may capitalise the first letter; the export uses the API's camelCase. */
function camel(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}
