/**
 * The change file of `shareguard simulate`, as written (raw) and with its references resolved to ids
 * (the input the platform rules and the simulator read). Change indexes are 0-based positions in `changes`.
 */
import type { SourcePosition } from '../errors.js';
import type { DocPath } from '../load/types.js';
import type { SettingPath } from '../tenant-model/description.js';

export const CHANGE_ACTIONS = [
  'invite',
  'redeem',
  'share-flow',
  'unshare-flow',
  'add-group-member',
  'assign-environment-role',
  'share-site',
  'set',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export const ENVIRONMENT_ROLES = [
  'EnvironmentAdmin',
  'EnvironmentMaker',
  'SystemAdministrator',
  'SystemCustomizer',
  'BasicUser',
] as const;
export type EnvironmentRole = (typeof ENVIRONMENT_ROLES)[number];

export const USER_TYPES = ['Guest', 'Member'] as const;
export type UserType = (typeof USER_TYPES)[number];
export const SHARE_ROLES = ['owner', 'run-only', 'copy'] as const;
export type ShareRole = (typeof SHARE_ROLES)[number];
export const UNSHARE_ROLES = ['owner', 'run-only'] as const;
export type UnshareRole = (typeof UNSHARE_ROLES)[number];
export type PrincipalType = 'User' | 'Group' | 'SharePointList';
/** share-site: what is shared, how far a link reaches, and what it lets its holder do. */
export type SiteItem = 'site' | 'folder' | 'file';
export type LinkScope = 'anyone' | 'organization' | 'specific-people';
export type SharePermission = 'view' | 'edit';

// ---- raw: as written in the file (references are names, addresses or ids) ----
// These types restate schemas/changes.schema.json for the compiler (no schema-to-type tool is a dependency):
// raw-fields.ts and test/unit/simulate/raw-types.test.ts fail when a field, whether it is required, or an
// enum drifts from the schema.

export interface RawInvite {
  action: 'invite';
  actor: string;
  email: string;
  displayName?: string;
  userType?: UserType;
  groups?: string[];
}
export interface RawRedeem {
  action: 'redeem';
  user: string;
  identityIssuer: string;
}
export interface RawShareFlow {
  action: 'share-flow';
  actor: string;
  flow: string;
  principal: string;
  role: ShareRole;
}
export interface RawUnshareFlow {
  action: 'unshare-flow';
  actor: string;
  flow: string;
  principal: string;
  role: UnshareRole;
}
export interface RawAddGroupMember {
  action: 'add-group-member';
  actor?: string;
  group: string;
  principal: string;
}
export interface RawAssignEnvironmentRole {
  action: 'assign-environment-role';
  actor?: string;
  environment: string;
  principal: string;
  role: EnvironmentRole;
}
export interface RawShareSite {
  action: 'share-site';
  actor: string;
  /** The site by id, URL or title; a OneDrive is a site too. */
  site: string;
  item?: SiteItem;
  /** A path inside the site, for a file or folder (shown in messages only). */
  path?: string;
  /** Who the share is sent to (an address, or a user by UPN, name or id); required for specific-people. */
  recipient?: string;
  /** The sharing link's scope; specific-people (the default) when a recipient is given. */
  link?: LinkScope;
  permission?: SharePermission;
}
export interface RawSet {
  action: 'set';
  path: string;
  value: unknown;
}
export type RawChange =
  | RawInvite
  | RawRedeem
  | RawShareFlow
  | RawUnshareFlow
  | RawAddGroupMember
  | RawAssignEnvironmentRole
  | RawShareSite
  | RawSet;

/** A change file, loaded and schema-valid, with a way back to positions in its text. */
export interface ParsedChanges {
  /** The file as the user named it. */
  file: string;
  schemaVersion: 1;
  changes: RawChange[];
  /** Where the node at `path` (e.g. ['changes', 2, 'flow']) starts in the file. */
  locate(path: DocPath): SourcePosition;
}

// ---- resolved: every reference is an id ----

export interface ResolvedInvite {
  index: number;
  action: 'invite';
  actor: string;
  email: string;
  displayName?: string;
  userType: UserType;
  groups: string[];
  /** The id the simulator gives the new account: `sim-invite-<index>`. */
  inviteeId: string;
}
export interface ResolvedRedeem {
  index: number;
  action: 'redeem';
  user: string;
  identityIssuer: string;
}
export interface ResolvedShareFlow {
  index: number;
  action: 'share-flow';
  actor: string;
  flow: string;
  role: ShareRole;
  /** null only for a copy sent to an address with no account (then recipientEmail is set). */
  principal: string | null;
  principalType: PrincipalType;
  recipientEmail?: string;
}
export interface ResolvedUnshareFlow {
  index: number;
  action: 'unshare-flow';
  actor: string;
  flow: string;
  role: UnshareRole;
  principal: string;
  principalType: PrincipalType;
}
export interface ResolvedAddGroupMember {
  index: number;
  action: 'add-group-member';
  actor: string | null;
  group: string;
  principal: string;
}
export interface ResolvedAssignEnvironmentRole {
  index: number;
  action: 'assign-environment-role';
  actor: string | null;
  environment: string;
  principal: string;
  principalType: 'User' | 'Group';
  role: EnvironmentRole;
}
export interface ResolvedShareSite {
  index: number;
  action: 'share-site';
  actor: string;
  site: string;
  item: SiteItem;
  path?: string;
  scope: LinkScope;
  permission: SharePermission;
  /**
   * The recipient's account; null for a link with no recipient, or an address with no account yet. For an
   * address an earlier change invited, the id that change gave it (the account exists only if it was allowed).
   */
  recipient: string | null;
  /** The address the share is sent to when it may have no account (then the platform may create a guest). */
  recipientEmail?: string;
  /** The id the simulator gives the guest account the share would create: `sim-invite-<index>`. */
  inviteeId?: string;
}
export interface ResolvedSet {
  index: number;
  action: 'set';
  path: SettingPath;
  value: unknown;
}
export type ResolvedChange =
  | ResolvedInvite
  | ResolvedRedeem
  | ResolvedShareFlow
  | ResolvedUnshareFlow
  | ResolvedAddGroupMember
  | ResolvedAssignEnvironmentRole
  | ResolvedShareSite
  | ResolvedSet;

// The settable settings are described once, in the tenant model's description (src/tenant-tenant-model/description.ts).
export { SETTING_PATHS, type SettingPath } from '../tenant-model/description.js';
