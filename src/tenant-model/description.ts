/**
 * The tenant model, described once: its sections, how an object is identified, which of its fields name a
 * person or group (and how), which fields are times, and which settings a simulated change may set. The
 * loader's section lists, the normaliser (epoch twins, domains, unknown principals, the flow index), the
 * simulator's state (copy-on-write store, re-normalising, scope), the importer's section order and the
 * collector's "no token" failures all read this table instead of listing sections themselves.
 *
 * Plain data with no imports, so that every layer (load, model, import, collect, simulate) can read it
 * without an import cycle. Allowed values of settable settings are not here: they are read from
 * schemas/tenant.schema.json at the setting's path (src/tenant-model/settable.ts), so the export schema stays their
 * one source.
 *
 * Adding a section: one entry in SECTIONS below (a list section needs `kind`; give `references` for the
 * fields naming people or groups), its property in schemas/tenant.schema.json, and the controls that read
 * it. Adding a reference field: one entry in its section's `references`.
 */

/**
 * How a field names a principal, which decides when a value matching no exported user or group counts as an
 * unknown (deleted) principal (normalise.ts, findUnknownPrincipals):
 * - `user`: a user id (a flow's creator, an app's owner); judged whenever users are exported.
 * - `member`: a user or a group, untyped (a group's members, a guest's sponsors); judged whenever users are
 *   exported (without groups, a group id is then taken for an unknown principal, as before).
 * - `principal`: typed by the `principalType` beside it (absent means User); a Group is only judged when
 *   groups are exported, a SharePointList never.
 * - `group`: a group id (an environment's security group); never judged: unknownPrincipals has never
 *   counted it, and judging it now would change data.tenant.
 */
export type ReferenceKind = 'user' | 'member' | 'principal' | 'group';

/** The role a flow reference gives its principal in index.flowsByPrincipal. */
export type FlowRole = 'creator' | 'owner' | 'runOnly';

export interface ReferenceField {
  /**
   * Where the id is in an object: a field name, `[]` stepping into each entry of a list, e.g. `creatorId`,
   * `members[]`, `owners[].principalId`. The entry holding the last field carries `principalType`.
   */
  path: string;
  kind: ReferenceKind;
  /** Indexed in index.flowsByPrincipal with this role (flows only). */
  flowRole?: FlowRole;
  /**
   * false: not followed when a simulated change works out which objects to re-check. Users' sponsors and
   * inviter: no change a simulation can make (invite, redeem, share, membership, role, setting) alters what
   * a user's control reads of its sponsor (whether it is enabled or deleted), so following them would only
   * widen every scope.
   */
  scope?: false;
}

interface SectionBase {
  /** The property of the export (and of data.tenant) holding the section. */
  name: string;
  /** JSON pointer to the definition of one object of the section in schemas/tenant.schema.json. */
  schema: string;
  /**
   * Which API `collect` reads the section from, and what it records as not collected when it has no token
   * for that API (the section, or a part of it when only that part comes from the API).
   */
  collect: { api: 'graph' | 'powerPlatform'; missing?: string };
  /** The file of the export `import` and `collect` write the section into (with the sections sharing it). */
  file: string;
}

/** A section holding one object of settings (merged key by key across files). */
export interface ObjectSectionDescription extends SectionBase {
  list: false;
  /** Whether its top-level time fields get epoch twins (see isTimeField). */
  epochs: boolean;
}

/** A section holding a list of objects, keyed by id in data.tenant. */
export interface ListSectionDescription extends SectionBase {
  list: true;
  /** The resource kind as findings, locations and waivers name it (e.g. `flow:<id>`). */
  kind: string;
  /** How messages name one object of the section (e.g. "duplicate DLP policy id"). */
  label: string;
  /** The field identifying an object (unique within the section across files). */
  id: 'id';
  /** Fields naming users or groups. */
  references: readonly ReferenceField[];
  /** Lists of objects inside an object whose time fields also get epoch twins (a flow's shared copies). */
  nestedTimes?: readonly string[];
  /** Derived lower-cased domains: derived field → the address field it is taken from. */
  domains?: Readonly<Record<string, string>>;
}

export type SectionDescription = ObjectSectionDescription | ListSectionDescription;

/**
 * Every section, in the order an export written by `import` or `collect` holds them (settings first, then
 * lists). The order of list sections is also the order of data.tenant's object counts and of the import
 * summary.
 */
export const SECTIONS = [
  { name: 'tenant', list: false, schema: '#/$defs/tenant', epochs: true, collect: { api: 'graph' }, file: 'tenant.json' },
  { name: 'externalCollaboration', list: false, schema: '#/$defs/externalCollaboration', epochs: false, collect: { api: 'graph' }, file: 'tenant.json' },
  { name: 'powerPlatform', list: false, schema: '#/$defs/powerPlatform', epochs: false, collect: { api: 'powerPlatform', missing: 'powerPlatform.tenantSettings' }, file: 'tenant.json' },
  { name: 'sharePoint', list: false, schema: '#/$defs/sharePoint', epochs: false, collect: { api: 'graph' }, file: 'sharepoint.json' },
  { name: 'teamsSettings', list: false, schema: '#/$defs/teamsSettings', epochs: false, collect: { api: 'graph' }, file: 'teams.json' },
  {
    name: 'users',
    list: true,
    kind: 'user',
    label: 'user',
    id: 'id',
    schema: '#/$defs/user',
    collect: { api: 'graph' },
    file: 'users.json',
    domains: { upnDomain: 'userPrincipalName', mailDomain: 'mail' },
    references: [
      { path: 'sponsors[]', kind: 'member', scope: false },
      { path: 'invitedBy', kind: 'member', scope: false },
    ],
  },
  {
    name: 'groups',
    list: true,
    kind: 'group',
    label: 'group',
    id: 'id',
    schema: '#/$defs/group',
    collect: { api: 'graph' },
    file: 'groups.json',
    domains: { mailDomain: 'mail' },
    references: [
      { path: 'members[]', kind: 'member' },
      { path: 'owners[]', kind: 'member' },
    ],
  },
  {
    name: 'environments',
    list: true,
    kind: 'environment',
    label: 'environment',
    id: 'id',
    schema: '#/$defs/environment',
    collect: { api: 'powerPlatform' },
    file: 'environments.json',
    references: [
      { path: 'roleAssignments[].principalId', kind: 'principal' },
      { path: 'securityGroupId', kind: 'group' },
    ],
  },
  {
    name: 'dlpPolicies',
    list: true,
    kind: 'dlpPolicy',
    label: 'DLP policy',
    id: 'id',
    schema: '#/$defs/dlpPolicy',
    collect: { api: 'powerPlatform' },
    file: 'dlp-policies.json',
    references: [],
  },
  {
    name: 'flows',
    list: true,
    kind: 'flow',
    label: 'flow',
    id: 'id',
    schema: '#/$defs/flow',
    collect: { api: 'powerPlatform' },
    file: 'flows.json',
    nestedTimes: ['sharedCopies'],
    references: [
      { path: 'creatorId', kind: 'user', flowRole: 'creator' },
      { path: 'owners[].principalId', kind: 'principal', flowRole: 'owner' },
      { path: 'runOnlyUsers[].principalId', kind: 'principal', flowRole: 'runOnly' },
      { path: 'connectionReferences[].connectionOwnerId', kind: 'user' },
      { path: 'sharedCopies[].recipientId', kind: 'user' },
      { path: 'sharedCopies[].sentBy', kind: 'user' },
    ],
  },
  {
    name: 'apps',
    list: true,
    kind: 'app',
    label: 'app',
    id: 'id',
    schema: '#/$defs/app',
    collect: { api: 'powerPlatform' },
    file: 'apps.json',
    references: [
      { path: 'ownerId', kind: 'user' },
      { path: 'sharedWith[].principalId', kind: 'principal' },
      { path: 'coOwners[]', kind: 'member' },
    ],
  },
  {
    name: 'sites',
    list: true,
    kind: 'site',
    label: 'site',
    id: 'id',
    schema: '#/$defs/site',
    collect: { api: 'graph' },
    file: 'sharepoint.json',
    nestedTimes: ['sharingLinks'],
    references: [
      { path: 'owners[]', kind: 'member' },
      { path: 'externalUsers[]', kind: 'member' },
      { path: 'groupId', kind: 'group' },
    ],
  },
  {
    name: 'teams',
    list: true,
    kind: 'team',
    label: 'team',
    id: 'id',
    schema: '#/$defs/team',
    collect: { api: 'graph' },
    file: 'teams.json',
    // A team's id is its Microsoft 365 group's: a change to that group's members re-checks the team.
    references: [{ path: 'id', kind: 'group' }],
  },
] as const satisfies readonly SectionDescription[];

type Described = (typeof SECTIONS)[number];
export type ListSection = Extract<Described, { list: true }>['name'];
export type ObjectSection = Extract<Described, { list: false }>['name'];
export type SectionName = ListSection | ObjectSection;

/** The list sections, in export order. */
export const LIST_SECTIONS = SECTIONS.filter((s): s is Extract<Described, { list: true }> => s.list).map((s) => s.name) as readonly ListSection[];
/** The settings sections, in export order. */
export const OBJECT_SECTIONS = SECTIONS.filter((s): s is Extract<Described, { list: false }> => !s.list).map((s) => s.name) as readonly ObjectSection[];
/** Every section name, in export order. */
export const SECTION_NAMES: readonly SectionName[] = SECTIONS.map((s) => s.name);

/** Resource kinds as findings name them: list section → kind. */
export const KIND_OF_SECTION = Object.fromEntries(
  SECTIONS.filter((s) => s.list).map((s) => [s.name, (s as ListSectionDescription).kind]),
) as Record<ListSection, string>;

/**
 * The files an export written by `import` or `collect` is split into, each with its sections, in the order
 * of their last section (tenant.json first, then one file per list: users.json … teams.json). The export's
 * `collection` record goes into the first.
 */
export const EXPORT_FILES: ReadonlyArray<{ name: string; sections: readonly string[] }> = (() => {
  const files = new Map<string, { name: string; sections: string[]; last: number }>();
  SECTIONS.forEach((s, i) => {
    const f = files.get(s.file) ?? { name: s.file, sections: [], last: i };
    f.sections.push(s.name);
    f.last = i;
    files.set(s.file, f);
  });
  const ordered = [...files.values()].sort((a, b) => a.last - b.last).map(({ name, sections }) => ({ name, sections }));
  ordered[0]!.sections.push('collection');
  return ordered;
})();

/** How messages name one object of each list section. */
export const LABEL_OF_SECTION = Object.fromEntries(
  SECTIONS.filter((s) => s.list).map((s) => [s.name, (s as ListSectionDescription).label]),
) as Record<ListSection, string>;

/** The description of one section. */
export function sectionOf(name: ListSection): ListSectionDescription;
export function sectionOf(name: ObjectSection): ObjectSectionDescription;
export function sectionOf(name: string): SectionDescription | undefined;
export function sectionOf(name: string): SectionDescription | undefined {
  return SECTIONS.find((s) => s.name === name);
}

export function isListSection(name: string): name is ListSection {
  return (LIST_SECTIONS as readonly string[]).includes(name);
}

/**
 * The time-field rule: an ISO 8601 time lives in a field whose name ends in `DateTime` (Graph's habit) or
 * `At` (the model's own, e.g. exportedAt, sentAt). Such a field gets a `<field>Epoch` twin in whole
 * seconds, so that policies compare numbers with the --as-of clock.
 */
export function isTimeField(key: string): boolean {
  return key.endsWith('DateTime') || key.endsWith('At');
}

/** The name of a time field's epoch twin. */
export function epochField(key: string): string {
  return `${key}Epoch`;
}

/**
 * The settings a simulated `set` change may give a new value, by dotted path into the model (section first).
 * Allowed values come from schemas/tenant.schema.json at that path (settable.ts), with null (unknown) left
 * out. `required`: the fields a new object value must carry.
 */
export interface SettableSetting {
  path: string;
  required?: readonly string[];
}

export const SETTABLE_SETTINGS = [
  { path: 'externalCollaboration.guestUserAccess' },
  { path: 'externalCollaboration.allowInvitesFrom' },
  { path: 'externalCollaboration.allowEmailVerifiedUsersToJoinOrganization' },
  { path: 'externalCollaboration.guestSelfServiceSignUp' },
  { path: 'externalCollaboration.emailOneTimePasscode' },
  { path: 'externalCollaboration.invitationDomains', required: ['mode'] },
  { path: 'externalCollaboration.invitationDomains.mode' },
  { path: 'externalCollaboration.invitationDomains.domains' },
  { path: 'externalCollaboration.crossTenantAccess.default.b2bCollaborationInbound' },
  { path: 'externalCollaboration.crossTenantAccess.default.b2bCollaborationOutbound' },
  { path: 'externalCollaboration.m365Groups.allowToAddGuests' },
  { path: 'externalCollaboration.m365Groups.allowGuestsToAccessGroups' },
  { path: 'powerPlatform.tenantSettings.enableGuestsToMake' },
  { path: 'powerPlatform.tenantSettings.disableShareWithEveryone' },
  { path: 'sharePoint.sharingCapability' },
  { path: 'sharePoint.oneDriveSharingCapability' },
  { path: 'sharePoint.defaultSharingLinkType' },
  { path: 'sharePoint.defaultLinkPermission' },
  { path: 'sharePoint.anyoneLinkExpirationDays' },
  { path: 'sharePoint.anyoneLinkFilePermission' },
  { path: 'sharePoint.anyoneLinkFolderPermission' },
  { path: 'sharePoint.sharingDomainRestrictionMode' },
  { path: 'sharePoint.sharingAllowedDomains' },
  { path: 'sharePoint.sharingBlockedDomains' },
  { path: 'sharePoint.guestsCanReshare' },
  { path: 'sharePoint.requireAcceptingAccountMatchInvitedAccount' },
  { path: 'sharePoint.guestAccessExpires' },
  { path: 'sharePoint.guestAccessExpiryDays' },
  { path: 'sharePoint.emailAttestationRequired' },
  { path: 'sharePoint.emailAttestationReAuthDays' },
  { path: 'sharePoint.externalSharingGroups' },
  { path: 'teamsSettings.guestAccessEnabled' },
  { path: 'teamsSettings.externalAccess.enabled' },
  { path: 'teamsSettings.externalAccess.allowAllDomains' },
  { path: 'teamsSettings.externalAccess.allowedDomains' },
  { path: 'teamsSettings.externalAccess.blockedDomains' },
  { path: 'teamsSettings.externalAccess.teamsConsumer' },
  { path: 'teamsSettings.externalAccess.teamsConsumerInbound' },
  { path: 'teamsSettings.externalAccess.trialTenants' },
] as const satisfies readonly SettableSetting[];

export type SettingPath = (typeof SETTABLE_SETTINGS)[number]['path'];
export const SETTING_PATHS: readonly SettingPath[] = SETTABLE_SETTINGS.map((s) => s.path);

// ---- reading reference fields ----

type Obj = Record<string, unknown>;

/** A compiled reference path: calls `found(id, principalType)` for every value at the path. */
export type ReferenceReader = (o: Obj, found: (value: unknown, type: unknown) => void) => void;

const readers = new Map<string, ReferenceReader>();

/**
 * The values at a reference path, each with the `principalType` of the entry holding it (undefined when the
 * value is not in a list entry). Values are handed over as found (not necessarily strings): callers skip
 * what is not an id. Compiled once per path; it runs for every object of a 100k-object tenant.
 */
export function referenceReader(path: string): ReferenceReader {
  let reader = readers.get(path);
  if (reader) return reader;
  const steps = path.split('.');
  // Every step is `name` or `name[]`; the last names the id, the others lead to entries holding it.
  const compile = (i: number): ReferenceReader => {
    const step = steps[i]!;
    const list = step.endsWith('[]');
    const key = list ? step.slice(0, -2) : step;
    const last = i === steps.length - 1;
    if (last && !list) return (o, found) => found(o[key], o.principalType);
    if (last) {
      return (o, found) => {
        const v = o[key];
        if (Array.isArray(v)) for (const e of v) found(e, undefined);
      };
    }
    const next = compile(i + 1);
    if (list) {
      return (o, found) => {
        const v = o[key];
        if (Array.isArray(v)) for (const e of v) if (isObject(e)) next(e, found);
      };
    }
    return (o, found) => {
      const v = o[key];
      if (isObject(v)) next(v, found);
    };
  };
  reader = compile(0);
  readers.set(path, reader);
  return reader;
}

/** The reference fields of a list section whose values feed index.flowsByPrincipal, in index order. */
export function flowRoleFields(): readonly (ReferenceField & { flowRole: FlowRole })[] {
  return sectionOf('flows').references.filter((r): r is ReferenceField & { flowRole: FlowRole } => r.flowRole !== undefined);
}

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
