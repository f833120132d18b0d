/**
 * Identifiers that Microsoft fixes for every tenant, and what the export calls them.
 */

/** authorizationPolicy.guestUserRoleId → externalCollaboration.guestUserAccess. Any other GUID is an input error. */
export const GUEST_USER_ROLES: Readonly<Record<string, 'sameAsMember' | 'limited' | 'restricted'>> = {
  'a0b1b346-4d3e-4e8b-98f8-753987be4970': 'sameAsMember',
  '10dae51f-b6af-4016-8d66-8c2a99b929b3': 'limited',
  '2af84b1e-32c8-42b7-82bc-daa82404023b': 'restricted',
};

/** Directory setting templates. */
export const GROUP_UNIFIED_TEMPLATE = '62375ab9-6b52-47ed-826b-58e47e0e304b';
export const GROUP_UNIFIED_GUEST_TEMPLATE = '08d542b9-071f-4e16-94b0-74abb372e3d9';

/**
 * Built-in directory role template ids → display names, used when role definitions were not collected
 * (a built-in role's definition id is its template id).
 */
export const DIRECTORY_ROLE_TEMPLATES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '95e79109-95c0-4d8e-aee3-d01accf2d47b': 'Guest Inviter',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c': 'SharePoint Administrator',
  '69091246-20e8-4a56-aa4d-066075b2a7a8': 'Teams Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'Authentication Administrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'Conditional Access Administrator',
  '3a2c62db-5318-420d-8d74-23affee5d9d5': 'Intune Administrator',
  '11648597-926c-4cf3-9c36-bcebb0ba8dcc': 'Power Platform Administrator',
  '44367163-eba1-44c3-98af-f5787879f96a': 'Dynamics 365 Administrator',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': 'Billing Administrator',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': 'Groups Administrator',
  '5d6b6bb7-de71-4623-b4af-96380a352509': 'Security Reader',
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b': 'Directory Readers',
};

/** Power Platform connector ids arrive as API paths: /providers/Microsoft.PowerApps/apis/shared_x → shared_x. */
export function connectorIdOf(apiId: string): string {
  const slash = apiId.lastIndexOf('/');
  return slash === -1 ? apiId : apiId.slice(slash + 1);
}

/** Environment and flow ids may arrive as resource paths; the export uses the last segment (the name). */
export function nameOf(resourceId: string): string {
  return connectorIdOf(resourceId);
}
