import { InputError } from '../errors.js';

/**
 * The raw folder layout shared by `collect` (which writes it) and `import` (which reads it): one file per
 * request, at a path that mirrors the request below its API's root. A listing's later pages are numbered:
 * `users.json`, `users.2.json`, `users.3.json`, …
 *
 * Each endpoint names the export section it feeds and what a caller needs to read it, so that a section that
 * could not be read says which permission is missing.
 */

/** The services behind the raw files. Graph is one host; the Power Platform admin APIs are three. */
export type Api = 'graph' | 'bap' | 'flow' | 'powerapps';

export interface Endpoint {
  /** Short name used in messages and docs. */
  name: string;
  api: Api;
  /** The raw file, without `.json`, relative to the raw folder; `{env}`, `{flow}`, `{app}`, `{id}`, `{policy}` are filled in. */
  file: string;
  /** The request: path (and query) below the API's root. Same placeholders as `file`. */
  url: string;
  /** The export section or setting the response feeds. */
  section: string;
  /** What the caller needs for this request (a Graph permission, or an admin role for the Power Platform). */
  permission: string;
  /** Whether the response is a list that may come in several pages. */
  paged: boolean;
}

const PP_ADMIN = 'Power Platform Administrator (or Global Administrator) role';
const USER_SELECT = [
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'userType',
  'accountEnabled',
  'creationType',
  'externalUserState',
  'externalUserStateChangeDateTime',
  'identities',
  'createdDateTime',
  'assignedLicenses',
].join(',');

/** Every request `collect` makes, in the order it makes them (per-object requests after their listing). */
export const ENDPOINTS = {
  organization: {
    name: 'organization',
    api: 'graph',
    file: 'graph/v1.0/organization',
    url: 'v1.0/organization?$select=id,displayName,verifiedDomains',
    section: 'tenant',
    permission: 'Organization.Read.All',
    paged: false,
  },
  subscribedSkus: {
    name: 'subscribed SKUs',
    api: 'graph',
    file: 'graph/v1.0/subscribedSkus',
    url: 'v1.0/subscribedSkus?$select=skuId,skuPartNumber',
    section: 'users[].licenses',
    permission: 'Organization.Read.All',
    paged: false,
  },
  users: {
    name: 'users',
    api: 'graph',
    file: 'graph/v1.0/users',
    url: `v1.0/users?$select=${USER_SELECT},signInActivity&$top=999`,
    section: 'users',
    permission: 'User.Read.All (and AuditLog.Read.All with Entra ID P1 for signInActivity)',
    paged: true,
  },
  sponsors: {
    name: 'guest sponsors',
    api: 'graph',
    file: 'graph/v1.0/users/{id}/sponsors',
    url: 'v1.0/users/{id}/sponsors?$select=id',
    section: 'users[].sponsors',
    permission: 'User.Read.All',
    paged: true,
  },
  roleDefinitions: {
    name: 'directory role definitions',
    api: 'graph',
    file: 'graph/v1.0/roleManagement/directory/roleDefinitions',
    url: 'v1.0/roleManagement/directory/roleDefinitions?$select=id,displayName,templateId,isBuiltIn',
    section: 'users[].directoryRoles',
    permission: 'RoleManagement.Read.Directory',
    paged: true,
  },
  roleAssignments: {
    name: 'directory role assignments',
    api: 'graph',
    file: 'graph/v1.0/roleManagement/directory/roleAssignments',
    url: 'v1.0/roleManagement/directory/roleAssignments?$select=id,principalId,roleDefinitionId,directoryScopeId',
    section: 'users[].directoryRoles',
    permission: 'RoleManagement.Read.Directory',
    paged: true,
  },
  authorizationPolicy: {
    name: 'authorization policy',
    api: 'graph',
    file: 'graph/v1.0/policies/authorizationPolicy',
    url: 'v1.0/policies/authorizationPolicy',
    section: 'externalCollaboration.guestUserAccess',
    permission: 'Policy.Read.All',
    paged: false,
  },
  authorizationPolicyBeta: {
    name: 'authorization policy (beta)',
    api: 'graph',
    file: 'graph/beta/policies/authorizationPolicy',
    url: 'beta/policies/authorizationPolicy',
    section: 'externalCollaboration.guestUserAccess',
    permission: 'Policy.Read.All',
    paged: false,
  },
  b2bManagementPolicies: {
    name: 'B2B management policy (invitation domains)',
    api: 'graph',
    file: 'graph/beta/policies/b2bManagementPolicies',
    url: 'beta/policies/b2bManagementPolicies',
    section: 'externalCollaboration.invitationDomains',
    permission: 'Policy.Read.All',
    paged: false,
  },
  authenticationFlowsPolicy: {
    name: 'authentication flows policy (self-service sign-up)',
    api: 'graph',
    file: 'graph/v1.0/policies/authenticationFlowsPolicy',
    url: 'v1.0/policies/authenticationFlowsPolicy',
    section: 'externalCollaboration.guestSelfServiceSignUp',
    permission: 'Policy.Read.All',
    paged: false,
  },
  emailAuthenticationMethod: {
    name: 'email one-time passcode method',
    api: 'graph',
    file: 'graph/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email',
    url: 'v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email',
    section: 'externalCollaboration.emailOneTimePasscode',
    permission: 'Policy.Read.All',
    paged: false,
  },
  crossTenantDefault: {
    name: 'cross-tenant access default',
    api: 'graph',
    file: 'graph/v1.0/policies/crossTenantAccessPolicy/default',
    url: 'v1.0/policies/crossTenantAccessPolicy/default',
    section: 'externalCollaboration.crossTenantAccess',
    permission: 'Policy.Read.All',
    paged: false,
  },
  crossTenantPartners: {
    name: 'cross-tenant access partners',
    api: 'graph',
    file: 'graph/v1.0/policies/crossTenantAccessPolicy/partners',
    url: 'v1.0/policies/crossTenantAccessPolicy/partners',
    section: 'externalCollaboration.crossTenantAccess',
    permission: 'Policy.Read.All',
    paged: true,
  },
  groupSettings: {
    name: 'directory settings (Group.Unified)',
    api: 'graph',
    file: 'graph/v1.0/groupSettings',
    url: 'v1.0/groupSettings',
    section: 'externalCollaboration.m365Groups',
    permission: 'Directory.Read.All',
    paged: false,
  },
  groups: {
    name: 'groups',
    api: 'graph',
    file: 'graph/v1.0/groups',
    url: 'v1.0/groups?$select=id,displayName,mail,groupTypes,securityEnabled,visibility&$top=999',
    section: 'groups',
    permission: 'GroupMember.Read.All',
    paged: true,
  },
  groupMembers: {
    name: 'group members',
    api: 'graph',
    file: 'graph/v1.0/groups/{id}/members',
    url: 'v1.0/groups/{id}/members?$select=id&$top=999',
    section: 'groups[].members',
    permission: 'GroupMember.Read.All',
    paged: true,
  },
  groupOwners: {
    name: 'group owners',
    api: 'graph',
    file: 'graph/v1.0/groups/{id}/owners',
    url: 'v1.0/groups/{id}/owners?$select=id&$top=999',
    section: 'groups[].owners',
    permission: 'GroupMember.Read.All',
    paged: true,
  },
  groupGuestSettings: {
    name: 'group guest setting (Group.Unified.Guest)',
    api: 'graph',
    file: 'graph/v1.0/groups/{id}/settings',
    url: 'v1.0/groups/{id}/settings',
    section: 'groups[].allowToAddGuests',
    permission: 'Directory.Read.All',
    paged: false,
  },
  // SharePoint and Teams through Graph. Graph gives fewer SharePoint settings than Get-SPOTenant and no site's
  // sharing setting, owners or guests: what it lacks is recorded as not collected (src/import/sources/sharepoint.ts).
  sharePointSettings: {
    name: 'SharePoint tenant settings',
    api: 'graph',
    file: 'graph/v1.0/admin/sharepoint/settings',
    url: 'v1.0/admin/sharepoint/settings',
    section: 'sharePoint',
    permission: 'SharePointTenantSettings.Read.All',
    paged: false,
  },
  sites: {
    name: 'sites',
    api: 'graph',
    file: 'graph/v1.0/sites/getAllSites',
    url: 'v1.0/sites/getAllSites?$select=id,webUrl,displayName,isPersonalSite',
    section: 'sites',
    permission: 'Sites.Read.All',
    paged: true,
  },
  teams: {
    name: 'teams',
    api: 'graph',
    file: 'graph/v1.0/teams',
    url: 'v1.0/teams?$select=id,displayName',
    section: 'teams',
    permission: 'Team.ReadBasic.All',
    paged: true,
  },
  team: {
    name: 'team guest settings',
    api: 'graph',
    file: 'graph/v1.0/teams/{id}',
    url: 'v1.0/teams/{id}?$select=id,displayName,guestSettings',
    section: 'teams[].guestSettings',
    permission: 'TeamSettings.Read.All',
    paged: false,
  },
  tenantSettings: {
    name: 'Power Platform tenant settings',
    api: 'bap',
    file: 'powerplatform/bap/tenantSettings',
    url: 'providers/Microsoft.BusinessAppPlatform/listTenantSettings?api-version=2020-10-01',
    section: 'powerPlatform.tenantSettings',
    permission: PP_ADMIN,
    paged: false,
  },
  environments: {
    name: 'environments',
    api: 'bap',
    file: 'powerplatform/bap/environments',
    url: 'providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2020-10-01',
    section: 'environments',
    permission: PP_ADMIN,
    paged: true,
  },
  environmentRoles: {
    name: 'environment role assignments',
    api: 'bap',
    file: 'powerplatform/bap/environments/{env}/roleAssignments',
    url: 'providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/{env}/roleAssignments?api-version=2016-11-01',
    section: 'environments[].roleAssignments',
    permission: PP_ADMIN,
    paged: true,
  },
  dlpPolicies: {
    name: 'DLP policies (v2)',
    api: 'bap',
    file: 'powerplatform/governance/v2/policies',
    url: 'providers/PowerPlatform.Governance/v2/policies',
    section: 'dlpPolicies',
    permission: PP_ADMIN,
    paged: true,
  },
  // The v2 listing as the provider APIs return it today holds each policy's definition without its connector
  // groups; the groups come with the policy's own GET (what Microsoft's Terraform provider reads them from).
  // Requested only for a policy the listing gave without groups.
  dlpPolicy: {
    name: 'DLP policy (v2, one policy)',
    api: 'bap',
    file: 'powerplatform/governance/v2/policies/{policy}',
    url: 'providers/PowerPlatform.Governance/v2/policies/{policy}',
    section: 'dlpPolicies[].connectorGroups',
    permission: PP_ADMIN,
    paged: false,
  },
  dlpPoliciesV1: {
    name: 'DLP policies (legacy v1)',
    api: 'bap',
    file: 'powerplatform/bap/apiPolicies',
    url: 'providers/Microsoft.BusinessAppPlatform/scopes/admin/apiPolicies?api-version=2016-11-01',
    section: 'dlpPolicies',
    permission: PP_ADMIN,
    paged: true,
  },
  flows: {
    name: 'flows',
    api: 'flow',
    file: 'powerplatform/flow/environments/{env}/v2/flows',
    url: 'providers/Microsoft.ProcessSimple/scopes/admin/environments/{env}/v2/flows?api-version=2016-11-01',
    section: 'flows',
    permission: PP_ADMIN,
    paged: true,
  },
  flowPermissions: {
    name: 'flow owners',
    api: 'flow',
    file: 'powerplatform/flow/environments/{env}/flows/{flow}/permissions',
    url: 'providers/Microsoft.ProcessSimple/scopes/admin/environments/{env}/flows/{flow}/permissions?api-version=2016-11-01',
    section: 'flows[].owners',
    permission: PP_ADMIN,
    paged: true,
  },
  flowUsers: {
    name: 'flow run-only users',
    api: 'flow',
    file: 'powerplatform/flow/environments/{env}/flows/{flow}/users',
    url: 'providers/Microsoft.ProcessSimple/scopes/admin/environments/{env}/flows/{flow}/users?api-version=2016-11-01',
    section: 'flows[].runOnlyUsers',
    permission: PP_ADMIN,
    paged: true,
  },
  connections: {
    name: 'connections',
    api: 'powerapps',
    file: 'powerplatform/powerapps/environments/{env}/connections',
    url: 'providers/Microsoft.PowerApps/scopes/admin/environments/{env}/connections?api-version=2016-11-01',
    section: 'flows[].connectionReferences[].connectionOwnerId',
    permission: PP_ADMIN,
    paged: true,
  },
  apps: {
    name: 'canvas apps',
    api: 'powerapps',
    file: 'powerplatform/powerapps/environments/{env}/apps',
    url: 'providers/Microsoft.PowerApps/scopes/admin/environments/{env}/apps?api-version=2016-11-01',
    section: 'apps',
    permission: PP_ADMIN,
    paged: true,
  },
  appPermissions: {
    name: 'app shares',
    api: 'powerapps',
    file: 'powerplatform/powerapps/environments/{env}/apps/{app}/permissions',
    url: 'providers/Microsoft.PowerApps/scopes/admin/environments/{env}/apps/{app}/permissions?api-version=2016-11-01',
    section: 'apps[].sharedWith',
    permission: PP_ADMIN,
    paged: true,
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/**
 * What admins save from the SharePoint Online and Teams PowerShell modules, which no REST call `collect` makes
 * returns as fully: `<cmdlet> | ConvertTo-Json -Depth 10 > powershell/<cmdlet>.json` (one object, or a list of
 * them). Enumerations may be numbers (ConvertTo-Json's default) or names (-EnumsAsStrings).
 */
export interface PowerShellFile {
  name: string;
  /** The raw file, without `.json`. */
  file: string;
  /** The command that writes it. */
  command: string;
  /** The export section or setting it feeds. */
  section: string;
  /** Who can run the command. */
  permission: string;
}

const SPO_ADMIN = 'SharePoint Administrator role (SharePoint Online Management Shell)';
const TEAMS_ADMIN = 'Teams Administrator role (MicrosoftTeams module)';

export const POWERSHELL_FILES = {
  spoTenant: {
    name: 'Get-SPOTenant',
    file: 'powershell/Get-SPOTenant',
    command: 'Get-SPOTenant | ConvertTo-Json -Depth 10',
    section: 'sharePoint',
    permission: SPO_ADMIN,
  },
  spoSites: {
    name: 'Get-SPOSite',
    file: 'powershell/Get-SPOSite',
    command: 'Get-SPOSite -Limit All -IncludePersonalSite $true | ConvertTo-Json -Depth 10',
    section: 'sites',
    permission: SPO_ADMIN,
  },
  teamsFederation: {
    name: 'Get-CsTenantFederationConfiguration',
    file: 'powershell/Get-CsTenantFederationConfiguration',
    command: 'Get-CsTenantFederationConfiguration | ConvertTo-Json -Depth 10',
    section: 'teamsSettings.externalAccess',
    permission: TEAMS_ADMIN,
  },
  teamsClient: {
    name: 'Get-CsTeamsClientConfiguration',
    file: 'powershell/Get-CsTeamsClientConfiguration',
    command: 'Get-CsTeamsClientConfiguration | ConvertTo-Json -Depth 10',
    section: 'teamsSettings.guestAccessEnabled',
    permission: TEAMS_ADMIN,
  },
  teamsMeetingPolicies: {
    name: 'Get-CsTeamsMeetingPolicy',
    file: 'powershell/Get-CsTeamsMeetingPolicy',
    command: 'Get-CsTeamsMeetingPolicy | ConvertTo-Json -Depth 10',
    section: 'teamsSettings.meetingPolicies',
    permission: TEAMS_ADMIN,
  },
} as const satisfies Record<string, PowerShellFile>;

/** Users request without signInActivity: what `collect` falls back to when the tenant lacks the licence or permission. */
export const USERS_WITHOUT_SIGN_IN_URL = `v1.0/users?$select=${USER_SELECT}&$top=999`;

export type Placeholders = Partial<Record<'env' | 'flow' | 'app' | 'id' | 'policy', string>>;

/** Fills `{env}`, `{flow}`, `{app}`, `{id}` and `{policy}` in a file or URL template. Values are used as path segments. */
export function fill(template: string, values: Placeholders, encode = false): string {
  return template.replace(/\{(env|flow|app|id|policy)\}/g, (_, key: keyof Placeholders) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for {${key}} in ${template}`);
    if (encode) return encodeURIComponent(value);
    // In a file path, an id from a response is one plain path segment or nothing: a server (or a saved
    // response) that names a group "../../.vscode" must not choose where collect writes or import reads.
    if (!SAFE_SEGMENT.test(value)) {
      throw new InputError(`the ${key} ${JSON.stringify(value.slice(0, 80))} from the data is not a plain name (letters, digits, '.', '-', '_'; at most 200); it is not used as a file name below the raw folder`);
    }
    return value;
  });
}

/** What an id may be to become a file name: GUIDs, Default-<guid>, solution names; never '.', '..' or hidden. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** The file name of page `n` (1-based) of a listing: `users.json`, `users.2.json`, … */
export function pageFile(file: string, page: number): string {
  return page === 1 ? `${file}.json` : `${file}.${page}.json`;
}

/** The file that marks a raw folder written by `collect` and records what could not be read. */
export const COLLECTION_FILE = 'collection.json';

/** A section that could not be read, and why. */
export interface MissingSection {
  section: string;
  reason: string;
}

/**
 * Something found inconsistent between raw files (or within one), and what the import did about it. Written to
 * the export's `collection.warnings`; `source` is the raw file:line:column, `section` the export section or
 * field it limits (null: none), which a scan lists under "Not evaluated".
 */
export interface ImportWarning {
  section: string | null;
  message: string;
  source: string;
}
