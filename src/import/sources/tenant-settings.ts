import type { ImportContext, Rec } from '../context.js';
import { defineOwn, isRecord } from '../../document/safe-object.js';
import { ENDPOINTS } from '../layout.js';
import type { RawNode } from '../node.js';
import { expandPsNode, RESAVE_HINT } from '../powershell-text.js';

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
  return mapTenantSettings(Array.isArray(response.value) ? onlyItem(response) : response, ctx);
}

function onlyItem(list: RawNode): RawNode {
  const items = list.items();
  if (items.length !== 1) throw list.error(`expected one tenant settings object, found ${items.length}`);
  return items[0] as RawNode;
}

/** The switches the controls read, kept even when PowerShell's text lost them (as not known, never as a default). */
const READ_BY_CONTROLS = ['enableGuestsToMake', 'disableShareWithEveryone'] as const;

export function mapTenantSettings(settings: RawNode, ctx?: ImportContext): Rec {
  settings.requireObject('the tenant settings');
  const value = settings.value as Rec;
  const platform = settings.atAnyCase('powerPlatform');
  const appsNode = platform.atAnyCase('powerApps');
  if (!Object.keys(value).some((k) => /^(disable|enable|walkMe)/i.test(k)) && appsNode.isMissing) {
    throw settings.error('expected Power Platform tenant settings (disable…/enable… switches, powerPlatform.powerApps), found none (is this another endpoint\'s response?)');
  }
  const out: Rec = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') defineOwn(out, camel(key), settings.at(key).value);
  }
  if (!appsNode.isMissing) {
    // ConvertTo-Json at its default depth (ScubaGear 1.0-1.7, Get-TenantSettings | ConvertTo-Json) writes
    // powerPlatform.powerApps as "@{disableShareWithEveryone=True; …}", or as "" when even that was lost.
    if (appsNode.value === '') {
      for (const key of READ_BY_CONTROLS) {
        out[key] = null;
        ctx?.missingBecause(`powerPlatform.tenantSettings.${key}`, `not collected: powerPlatform.powerApps is empty text in ${appsNode.file.file}, ${RESAVE_HINT}`);
      }
    } else {
      const apps = expandPsNode(appsNode, 'powerPlatform.powerApps').node.requireObject('powerPlatform.powerApps');
      const fields = apps.value as Rec;
      for (const key of Object.keys(fields)) if (!isRecord(fields[key]) && !Array.isArray(fields[key])) defineOwn(out, camel(key), fields[key]);
      for (const key of READ_BY_CONTROLS) {
        const field = apps.atAnyCase(key);
        if (!field.isMissing) out[key] = field.looseBoolean();
      }
    }
  }
  return out;
}

/** PowerShell output may capitalise the first letter; the export uses the API's camelCase. */
function camel(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}
