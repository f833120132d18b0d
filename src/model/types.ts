/**
 * The normalised tenant: what policies read as `data.tenant`. Documented for policy authors in
 * docs/policy-input.md. Objects keep every exported field (unknown ones included) and gain derived,
 * shape-only fields: `<time field>Epoch` (seconds), `upnDomain`/`mailDomain` (lower case), and for
 * groups `transitiveMembers` (user ids, nested groups expanded).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface NormalisedTenant {
  /** Sections present in the export; an absent section is absent here too (never an empty stand-in). */
  sections: Record<string, true>;
  tenant?: JsonObject;
  /** initialDomain and verifiedDomains, lower case, as a set. */
  domains: Record<string, true>;
  externalCollaboration?: JsonObject;
  powerPlatform?: JsonObject;
  sharePoint?: JsonObject;
  teamsSettings?: JsonObject;
  users?: Record<string, JsonObject>;
  groups?: Record<string, JsonObject>;
  environments?: Record<string, JsonObject>;
  dlpPolicies?: Record<string, JsonObject>;
  flows?: Record<string, JsonObject>;
  apps?: Record<string, JsonObject>;
  /** SharePoint sites and OneDrive accounts by id; links gain `expirationDateTimeEpoch`. */
  sites?: Record<string, JsonObject>;
  /** Teams by id (the id of their Microsoft 365 group). */
  teams?: Record<string, JsonObject>;
  /**
   * Fields and sections the export's `collection.missing` says could not be read, as a set of the paths it
   * names (e.g. `environments[].securityGroupId`): a null there is not known, not "none".
   */
  notCollected: Record<string, true>;
  /** Principal ids referenced somewhere that match no user or group (deleted accounts), as a set. */
  unknownPrincipals: Record<string, true>;
  index: {
    usersByUpn: Record<string, string>;
    usersByMail: Record<string, string>;
    /** user id → ids of the groups it is in, directly or through nested groups. */
    memberOf: Record<string, string[]>;
    /** environment id → ids of the DLP policies whose scope covers it. */
    dlpPoliciesByEnvironment: Record<string, string[]>;
    /** principal id → flows naming it directly as creator, owner or run-only user. */
    flowsByPrincipal: Record<string, { flowId: string; role: 'creator' | 'owner' | 'runOnly' }[]>;
    /** environment id → ids of its flows. */
    flowsByEnvironment: Record<string, string[]>;
    /** environment id → { connector id: how many of its flows name it (connection references or trigger) }. */
    connectorsByEnvironment: Record<string, Record<string, number>>;
    /** Every user field (derived ones included) that at least one user carries with a value other than null. */
    userFields: Record<string, true>;
    /** users: how many; usersNotDisabled: how many whose accountEnabled is not false. */
    counts: { users: number; usersNotDisabled: number };
  };
}

/** Counts the scan summary reports about the shape of the input. */
export interface TenantStats {
  objects: Record<string, number>;
  unknownPrincipals: number;
  /** DLP policy environment entries naming no exported environment (kept, ignored for coverage). */
  danglingDlpEnvironmentRefs: number;
}
