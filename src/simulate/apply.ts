import type { ExportSections, MergedExport } from '../load/types.js';
import { SECTION_NAMES, type ListSection } from '../tenant-model/description.js';
import type { ResolvedChange } from './types.js';

/** The export's sections as plain data: what a simulated change edits (the export on disk is never touched). */
export type Sections = ExportSections;

/** What the platform rules returned for one change (policies/platform/main.rego). */
export interface PlatformVerdict {
  allowed: boolean;
  rules: { id: string; effect: string; message: string }[];
  effects: {
    user?: Record<string, unknown>;
    groups?: string[];
    /** share-site: the sharing link the site gains, as the site lists it. */
    link?: Record<string, unknown>;
    /** share-site: the recipient is outside the organisation and joins the site's external users. */
    externalUser?: boolean;
  };
}

type Obj = Record<string, unknown>;

/** A deep copy of the sections (JSON data only), so that changes never reach the loaded export. */
export function copySections(merged: MergedExport): Sections {
  const out: Obj = {};
  for (const name of SECTION_NAMES) if (merged[name] !== undefined) out[name] = JSON.parse(JSON.stringify(merged[name]));
  return out as Sections;
}

/** A list section, whose objects a change edits or adds. */
export type ObjectKind = ListSection;

/**
 * Where a change is applied: the raw sections (a full re-scan) or the simulator's normalised tenant
 * (src/simulate/state.ts). Edits are copy-on-write: `edit` hands out a private copy of the object, which
 * replaces the original, so nothing shared with the loaded export is ever modified.
 */
export interface ChangeTarget {
  /** A private copy of the object, now the current one, to modify; undefined when there is none. */
  edit(kind: ObjectKind, id: string): Obj | undefined;
  /** Adds a new object. */
  add(kind: ObjectKind, object: Obj): void;
  /** Sets the setting at path (section first), creating missing objects on the way. */
  setSetting(path: readonly string[], value: unknown): void;
}

/**
 * Applies one change, as the platform rules allowed it: TypeScript only moves data here; whether the
 * change is allowed and what an invite or redemption produces was decided in Rego. Returns whether
 * anything was applied. `sentAt` is the simulation's as-of instant.
 */
export function applyChange(target: ChangeTarget, change: ResolvedChange, verdict: PlatformVerdict, sentAt: string): boolean {
  switch (change.action) {
    case 'invite': {
      if (!verdict.effects.user) return false; // the invitation itself was refused
      target.add('users', { id: change.inviteeId, ...verdict.effects.user });
      for (const groupId of verdict.effects.groups ?? []) {
        const group = target.edit('groups', groupId);
        if (group) group.members = [...asArray(group.members), change.inviteeId];
      }
      return true;
    }
    case 'redeem': {
      if (!verdict.allowed || !verdict.effects.user) return false;
      const user = target.edit('users', change.user);
      if (!user) return false;
      Object.assign(user, withoutPrototypeKeys(verdict.effects.user));
      return true;
    }
    case 'share-flow': {
      if (!verdict.allowed) return false;
      const flow = target.edit('flows', change.flow);
      if (!flow) return false;
      if (change.role === 'copy') {
        const recipient = change.principal ? { recipientId: change.principal } : { recipientEmail: change.recipientEmail };
        flow.sharedCopies = [...asArray(flow.sharedCopies), { ...recipient, sentBy: change.actor, sentAt }];
      } else {
        const field = change.role === 'owner' ? 'owners' : 'runOnlyUsers';
        flow[field] = [...asArray(flow[field]), { principalId: change.principal, principalType: change.principalType }];
      }
      return true;
    }
    case 'unshare-flow': {
      if (!verdict.allowed) return false;
      const flow = target.edit('flows', change.flow);
      if (!flow) return false;
      const field = change.role === 'owner' ? 'owners' : 'runOnlyUsers';
      flow[field] = asArray(flow[field]).filter((e) => (e as Obj)?.principalId !== change.principal);
      return true;
    }
    case 'add-group-member': {
      if (!verdict.allowed) return false;
      const group = target.edit('groups', change.group);
      if (!group) return false;
      group.members = [...asArray(group.members), change.principal];
      return true;
    }
    case 'assign-environment-role': {
      if (!verdict.allowed) return false;
      const environment = target.edit('environments', change.environment);
      if (!environment) return false;
      environment.roleAssignments = [
        ...asArray(environment.roleAssignments),
        { principalId: change.principal, principalType: change.principalType, role: change.role },
      ];
      return true;
    }
    case 'share-site': {
      if (!verdict.allowed || !verdict.effects.link) return false;
      const site = target.edit('sites', change.site);
      if (!site) return false;
      // An address with no account: the guest SharePoint's B2B integration creates, as the rules describe it.
      let recipient = change.recipient;
      if (change.inviteeId !== undefined && verdict.effects.user) {
        target.add('users', { id: change.inviteeId, ...verdict.effects.user });
        recipient = change.inviteeId;
      }
      const link: Obj = { ...withoutPrototypeKeys(verdict.effects.link), createdBy: change.actor, createdDateTime: sentAt };
      // The rules give an expiry as an epoch (Rego has no date formatting in WASM); the model keeps the date.
      if (typeof link.expirationDateTimeEpoch === 'number') {
        link.expirationDateTime = new Date(link.expirationDateTimeEpoch * 1000).toISOString();
        delete link.expirationDateTimeEpoch;
      }
      if (recipient !== null) link.recipients = [recipient];
      site.sharingLinks = [...asArray(site.sharingLinks), link];
      if (verdict.effects.externalUser === true && recipient !== null && !asArray(site.externalUsers).includes(recipient)) {
        site.externalUsers = [...asArray(site.externalUsers), recipient];
      }
      return true;
    }
    case 'set': {
      if (!verdict.allowed) return false;
      target.setSetting(change.path.split('.'), change.value);
      return true;
    }
  }
}

/** The raw sections as a change target (the full re-scan path): objects found by id, copied on edit. */
export function sectionsTarget(sections: Sections): ChangeTarget {
  return {
    edit(kind, id) {
      const list = sections[kind];
      const at = list?.findIndex((o) => o.id === id) ?? -1;
      if (!list || at < 0) return undefined;
      const copy = { ...list[at]! };
      list[at] = copy;
      return copy;
    },
    add(kind, object) {
      (sections[kind] ??= []).push(object);
    },
    setSetting(path, value) {
      const [section, ...rest] = path as [string, ...string[]];
      const root = { ...(((sections as Obj)[section] as Obj | undefined) ?? {}) };
      (sections as Obj)[section] = root;
      setCopied(root, rest, value);
    },
  };
}

/** Sets obj[path] = value, copying every object on the way so that nothing shared is modified. */
export function setCopied(obj: Obj, path: readonly string[], value: unknown): void {
  let target = obj;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    target = target[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...(next as Obj) } : {};
  }
  target[path[path.length - 1]!] = value;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function withoutPrototypeKeys(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([k]) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype'));
}
