import type { ValidateFunction } from 'ajv';
import { compileSchema } from '../schema/ajv.js';
import { SETTING_PATHS, type SettingPath } from './types.js';

const bool = { type: 'boolean' };
const enumOf = (...values: string[]) => ({ type: 'string', enum: values });
const domainList = { type: 'array', items: { type: 'string', minLength: 1 } };
const invitationMode = enumOf('allowList', 'blockList', 'none');
const days = { type: 'integer', minimum: 0 };
const capability = enumOf('disabled', 'existingGuests', 'newAndExistingGuests', 'anyone');
const linkPermission = enumOf('view', 'edit');
const idList = { type: 'array', items: { type: 'string', minLength: 1 } };

/**
 * The values a `set` may give each setting (null, "unknown" in an export, is never a valid new value).
 * Kept in step with the tenant schema's definitions of these settings.
 */
export const SETTING_SCHEMAS: Record<SettingPath, Record<string, unknown>> = {
  'externalCollaboration.guestUserAccess': enumOf('sameAsMember', 'limited', 'restricted'),
  'externalCollaboration.allowInvitesFrom': enumOf('everyone', 'adminsGuestInvitersAndAllMembers', 'adminsAndGuestInviters', 'none'),
  'externalCollaboration.allowEmailVerifiedUsersToJoinOrganization': bool,
  'externalCollaboration.guestSelfServiceSignUp': bool,
  'externalCollaboration.emailOneTimePasscode': bool,
  'externalCollaboration.invitationDomains': {
    type: 'object',
    required: ['mode'],
    additionalProperties: false,
    properties: { mode: invitationMode, domains: domainList },
  },
  'externalCollaboration.invitationDomains.mode': invitationMode,
  'externalCollaboration.invitationDomains.domains': domainList,
  'externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound': enumOf('allowed', 'blocked'),
  'externalCollaboration.crossTenantAccess.default.b2bCollaborationOutbound': enumOf('allowed', 'blocked'),
  'externalCollaboration.m365Groups.allowToAddGuests': bool,
  'externalCollaboration.m365Groups.allowGuestsToAccessGroups': bool,
  'powerPlatform.tenantSettings.enableGuestsToMake': bool,
  'powerPlatform.tenantSettings.disableShareWithEveryone': bool,
  'sharePoint.sharingCapability': capability,
  'sharePoint.oneDriveSharingCapability': capability,
  'sharePoint.defaultSharingLinkType': enumOf('none', 'specificPeople', 'organization', 'anyone'),
  'sharePoint.defaultLinkPermission': enumOf('none', 'view', 'edit'),
  'sharePoint.anyoneLinkExpirationDays': days,
  'sharePoint.anyoneLinkFilePermission': linkPermission,
  'sharePoint.anyoneLinkFolderPermission': linkPermission,
  'sharePoint.sharingDomainRestrictionMode': invitationMode,
  'sharePoint.sharingAllowedDomains': domainList,
  'sharePoint.sharingBlockedDomains': domainList,
  'sharePoint.guestsCanReshare': bool,
  'sharePoint.requireAcceptingAccountMatchInvitedAccount': bool,
  'sharePoint.guestAccessExpires': bool,
  'sharePoint.guestAccessExpiryDays': days,
  'sharePoint.emailAttestationRequired': bool,
  'sharePoint.emailAttestationReAuthDays': days,
  'sharePoint.externalSharingGroups': idList,
  'teamsSettings.guestAccessEnabled': bool,
  'teamsSettings.externalAccess.enabled': bool,
  'teamsSettings.externalAccess.allowAllDomains': bool,
  'teamsSettings.externalAccess.allowedDomains': domainList,
  'teamsSettings.externalAccess.blockedDomains': domainList,
  'teamsSettings.externalAccess.teamsConsumer': bool,
  'teamsSettings.externalAccess.teamsConsumerInbound': bool,
  'teamsSettings.externalAccess.trialTenants': bool,
};

export function isSettingPath(path: unknown): path is SettingPath {
  return typeof path === 'string' && (SETTING_PATHS as readonly string[]).includes(path);
}

const validators = new Map<SettingPath, ValidateFunction>();

/** The compiled value schema of one setting (compiled once per process). */
export function settingValidator(path: SettingPath): ValidateFunction {
  let validate = validators.get(path);
  if (!validate) {
    validate = compileSchema(SETTING_SCHEMAS[path]);
    validators.set(path, validate);
  }
  return validate;
}
