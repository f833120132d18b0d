import type { MergedExport } from '../load/types.js';
import type { ResolvedChange } from './types.js';

/** The export's sections as plain data: what a simulated change edits (the export on disk is never touched). */
export type Sections = Pick<MergedExport, 'tenant' | 'externalCollaboration' | 'powerPlatform' | 'users' | 'groups' | 'environments' | 'dlpPolicies' | 'flows' | 'apps'>;

/** What the platform rules returned for one change (policies/platform/main.rego). */
export interface PlatformVerdict {
  allowed: boolean;
  rules: { id: string; effect: string; message: string }[];
  effects: { user?: Record<string, unknown>; groups?: string[] };
}

type Obj = Record<string, unknown>;

const SECTION_NAMES = ['tenant', 'externalCollaboration', 'powerPlatform', 'users', 'groups', 'environments', 'dlpPolicies', 'flows', 'apps'] as const;

/** A deep copy of the sections (JSON data only), so that changes never reach the loaded export. */
export function copySections(merged: MergedExport): Sections {
  const out: Obj = {};
  for (const name of SECTION_NAMES) if (merged[name] !== undefined) out[name] = JSON.parse(JSON.stringify(merged[name]));
  return out as Sections;
}

/**
 * Applies one change to the sections, as the platform rules allowed it: TypeScript only moves data here;
 * whether the change is allowed and what an invite or redemption produces was decided in Rego. Returns
 * whether anything was applied. `sentAt` is the simulation's as-of instant.
 */
export function applyChange(sections: Sections, change: ResolvedChange, verdict: PlatformVerdict, sentAt: string): boolean {
  const byId = <T extends Obj>(list: T[] | undefined, id: string): T | undefined => list?.find((o) => o.id === id);
  switch (change.action) {
    case 'invite': {
      if (!verdict.effects.user) return false; // the invitation itself was refused
      (sections.users ??= []).push({ id: change.inviteeId, ...verdict.effects.user });
      for (const groupId of verdict.effects.groups ?? []) {
        const group = byId(sections.groups, groupId);
        if (group) group.members = [...asArray(group.members), change.inviteeId];
      }
      return true;
    }
    case 'redeem': {
      const user = byId(sections.users, change.user);
      if (!verdict.allowed || !user || !verdict.effects.user) return false;
      Object.assign(user, withoutPrototypeKeys(verdict.effects.user));
      return true;
    }
    case 'share-flow': {
      const flow = byId(sections.flows, change.flow);
      if (!verdict.allowed || !flow) return false;
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
      const flow = byId(sections.flows, change.flow);
      if (!verdict.allowed || !flow) return false;
      const field = change.role === 'owner' ? 'owners' : 'runOnlyUsers';
      flow[field] = asArray(flow[field]).filter((e) => (e as Obj)?.principalId !== change.principal);
      return true;
    }
    case 'add-group-member': {
      const group = byId(sections.groups, change.group);
      if (!verdict.allowed || !group) return false;
      group.members = [...asArray(group.members), change.principal];
      return true;
    }
    case 'assign-environment-role': {
      const environment = byId(sections.environments, change.environment);
      if (!verdict.allowed || !environment) return false;
      environment.roleAssignments = [
        ...asArray(environment.roleAssignments),
        { principalId: change.principal, principalType: change.principalType, role: change.role },
      ];
      return true;
    }
    case 'set': {
      if (!verdict.allowed) return false;
      const [section, ...rest] = change.path.split('.') as [keyof Sections, ...string[]];
      let target = ((sections as Obj)[section] ??= {}) as Obj;
      for (const key of rest.slice(0, -1)) target = (target[key] ??= {}) as Obj;
      target[rest[rest.length - 1]!] = change.value as unknown;
      return true;
    }
  }
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function withoutPrototypeKeys(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([k]) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype'));
}
