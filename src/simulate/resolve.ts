import { InputError, InputErrors, type SourcePosition } from '../errors.js';
import type { DocPath, ParsedFile } from '../load/types.js';
import type { JsonObject, NormalisedTenant } from '../model/types.js';
import { explainErrors, formatValue } from '../schema/explain.js';
import { changeLabel, validateChangeList } from './changes.js';
import { isSettingPath, settingValidator } from './settings.js';
import {
  SETTING_PATHS,
  type ParsedChanges,
  type PrincipalType,
  type RawChange,
  type ResolvedChange,
} from './types.js';

/** The id the simulator gives the account an `invite` creates. */
export function inviteeId(index: number): string {
  return `sim-invite-${index}`;
}

/** The UPN Entra gives an invited guest: bob@fabrikam.com → bob_fabrikam.com#EXT#@contoso.onmicrosoft.com. */
export function guestUpn(email: string, initialDomain: string): string {
  return `${email.replace('@', '_')}#EXT#@${initialDomain}`;
}

/** Loose on purpose: one @, something on each side, a dot in the domain, no spaces. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

type Kind = 'user' | 'group' | 'flow' | 'environment' | 'site';

interface Candidate {
  kind: Kind;
  id: string;
  displayName?: string;
  upn?: string;
  /** The index of the change that invited this account, for accounts created by the change file. */
  invitedBy?: number;
}

const SECTION: Record<Kind, 'users' | 'groups' | 'flows' | 'environments' | 'sites'> = {
  user: 'users',
  group: 'groups',
  flow: 'flows',
  environment: 'environments',
  site: 'sites',
};

const NOUN: Record<Kind, string> = { user: 'user', group: 'group', flow: 'flow', environment: 'environment', site: 'site' };

/** A site URL as a lookup key: lower case, without a trailing slash (https://x/sites/A/ = https://x/sites/a). */
function siteKey(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, '');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Lookup tables over the tenant (and the accounts invited so far by the change file), in three tiers:
 * id (exact, then case-insensitive), address (users: UPN and mail), display name (case-insensitive).
 */
class Directory {
  private readonly byId = new Map<string, Candidate[]>();
  private readonly byAddress = new Map<string, Candidate[]>();
  private readonly byName = new Map<string, Candidate[]>();
  readonly present: Record<Kind, boolean>;

  constructor(tenant: NormalisedTenant) {
    this.present = { user: false, group: false, flow: false, environment: false, site: false };
    for (const kind of Object.keys(SECTION) as Kind[]) {
      const section = tenant[SECTION[kind]];
      if (!section) continue;
      this.present[kind] = true;
      for (const [id, obj] of Object.entries(section)) {
        this.add(candidateOf(kind, id, obj), kind === 'user' && typeof obj.mail === 'string' ? obj.mail : undefined);
      }
    }
  }

  add(c: Candidate, email?: string): void {
    push(this.byId, `${c.kind}:${c.id.toLowerCase()}`, c);
    if (c.kind === 'user') {
      if (c.upn) push(this.byAddress, c.upn.toLowerCase(), c);
      if (email) push(this.byAddress, email.toLowerCase(), c);
    }
    if (c.kind === 'site' && c.upn) push(this.byAddress, siteKey(c.upn), c);
    if (c.displayName) push(this.byName, `${c.kind}:${c.displayName.toLowerCase()}`, c);
    this.present[c.kind] = true;
  }

  /** The candidates of the first tier that matches anything; more than one means the reference is ambiguous. */
  find(kinds: readonly Kind[], value: string): Candidate[] {
    const key = kinds.includes('site') && /^https?:\/\//i.test(value.trim()) ? siteKey(value) : value.trim().toLowerCase();
    const exact = kinds.flatMap((k) => (this.byId.get(`${k}:${key}`) ?? []).filter((c) => c.id === value.trim()));
    if (exact.length > 0) return dedupe(exact);
    const byId = kinds.flatMap((k) => this.byId.get(`${k}:${key}`) ?? []);
    if (byId.length > 0) return dedupe(byId);
    const byAddress = (this.byAddress.get(key) ?? []).filter((c) => kinds.includes(c.kind));
    if (byAddress.length > 0) return dedupe(byAddress);
    return dedupe(kinds.flatMap((k) => this.byName.get(`${k}:${key}`) ?? []));
  }

  /** Accounts an invitation to `email` would collide with: same mail or UPN, or the guest UPN it would get. */
  existingAccounts(email: string): Candidate[] {
    const key = email.toLowerCase();
    const found = [...(this.byAddress.get(key) ?? [])];
    const prefix = `${key.replace('@', '_')}#ext#@`;
    for (const [address, list] of this.byAddress) if (address.startsWith(prefix)) found.push(...list);
    return dedupe(found.filter((c) => c.kind === 'user'));
  }
}

function candidateOf(kind: Kind, id: string, obj: JsonObject): Candidate {
  const c: Candidate = { kind, id };
  if (typeof obj.displayName === 'string') c.displayName = obj.displayName;
  if (kind === 'user' && typeof obj.userPrincipalName === 'string') c.upn = obj.userPrincipalName;
  // A site is named by its URL (kept in upn: its address) or its title.
  if (kind === 'site') {
    if (typeof obj.url === 'string') c.upn = obj.url;
    if (c.displayName === undefined && typeof obj.title === 'string') c.displayName = obj.title;
  }
  return c;
}

function dedupe(list: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = `${c.kind}:${c.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(c: Candidate): string {
  const name = c.displayName ?? c.id;
  const detail = c.invitedBy !== undefined ? `invited by change ${c.invitedBy}` : c.kind === 'user' || c.kind === 'site' ? (c.upn ?? c.id) : c.id;
  return `${c.kind === 'user' ? '' : `${NOUN[c.kind]} `}${name} (${detail})`;
}

function kindsNoun(kinds: readonly Kind[]): string {
  return kinds.map((k) => NOUN[k]).join(' or ');
}

/**
 * Resolves the references of a change file against a tenant: every user, group, flow and environment named
 * by address, display name or id becomes an id, in the shape the platform rules read. Changes are taken in
 * order, so a later change may name an account an earlier `invite` creates (by its address; its id is
 * `sim-invite-<index>`). All problems are reported at once (InputErrors), each naming the change, the field
 * and the value, at the field's position in the file when the changes come from loadChanges.
 */
export function resolveChanges(input: ParsedChanges | readonly RawChange[], tenant: NormalisedTenant): ResolvedChange[] {
  const changes: readonly RawChange[] = isParsed(input) ? input.changes : validateChangeList(input);
  const locate = isParsed(input) ? (path: DocPath) => input.locate(path) : undefined;
  const file = isParsed(input) ? input.file : '<changes>';
  const directory = new Directory(tenant);
  const initialDomain = typeof tenant.tenant?.initialDomain === 'string' ? tenant.tenant.initialDomain : undefined;
  const errors: InputError[] = [];
  const resolved: ResolvedChange[] = [];

  changes.forEach((change, index) => {
    const label = changeLabel(index, change.action);
    const at = (path: DocPath): SourcePosition | undefined => locate?.(['changes', index, ...path]);
    const fail = (path: DocPath, detail: string): undefined => {
      errors.push(new InputError(`${label}: ${detail}`, at(path)));
      return undefined;
    };
    const before = errors.length;

    /** One reference → one candidate, or an error (unknown / ambiguous) and undefined. */
    const one = (field: DocPath, value: string, kinds: readonly Kind[]): Candidate | undefined => {
      const found = directory.find(kinds, value);
      const fieldName = field.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
      if (found.length === 1) return found[0];
      if (found.length === 0) {
        const missing = kinds.filter((k) => !directory.present[k]);
        const note = missing.length === kinds.length ? ` (the export has no ${missing.map((k) => SECTION[k]).join(' or ')})` : '';
        return fail(field, `${fieldName} ${formatValue(value)} matches no ${kindsNoun(kinds)} in the tenant${note}`);
      }
      const hint = kinds.includes('user') ? 'name it by UPN or id' : 'name it by id';
      return fail(field, `${fieldName} ${formatValue(value)} is ambiguous: it matches ${found.map(describe).join(', ')}; ${hint}`);
    };
    const userId = (field: string, value: string) => one([field], value, ['user'])?.id;
    const optionalUser = (field: string, value: string | undefined): string | null | undefined =>
      value === undefined ? null : userId(field, value);

    switch (change.action) {
      case 'invite': {
        const actor = userId('actor', change.actor);
        const email = change.email.trim();
        let emailOk = true;
        // An address that already has an account (in the tenant, or invited by an earlier change) is not an
        // input error: whether Entra sends the invitation again or refuses it (a member) is the platform's
        // call, made when the change is judged against the tenant as the earlier changes really left it. The
        // invite then names that account: a refused earlier invite leaves it to this one to create.
        let existing: Candidate[] = [];
        if (!looksLikeEmail(email)) {
          emailOk = false;
          fail(['email'], `email ${formatValue(change.email)} is not an e-mail address`);
        } else {
          existing = directory.existingAccounts(email);
          if (existing.length > 1) {
            emailOk = false;
            fail(['email'], `email ${formatValue(email)} belongs to several accounts: ${existing.map(describe).join(', ')}`);
          }
        }
        const groups = (change.groups ?? []).map((g, j) => one(['groups', j], g, ['group'])?.id);
        const id = existing[0]?.id ?? inviteeId(index);
        if (emailOk && existing.length === 0) {
          const invitee: Candidate = { kind: 'user', id, invitedBy: index };
          if (change.displayName !== undefined) invitee.displayName = change.displayName;
          if (initialDomain !== undefined) invitee.upn = guestUpn(email, initialDomain);
          directory.add(invitee, email);
        }
        if (errors.length === before && actor !== undefined) {
          resolved.push({
            index,
            action: 'invite',
            actor,
            email,
            ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
            userType: change.userType ?? 'Guest',
            groups: groups as string[],
            inviteeId: id,
          });
        }
        break;
      }
      case 'redeem': {
        const user = userId('user', change.user);
        if (user !== undefined) resolved.push({ index, action: 'redeem', user, identityIssuer: change.identityIssuer });
        break;
      }
      case 'share-flow':
      case 'unshare-flow': {
        const actor = userId('actor', change.actor);
        const flow = one(['flow'], change.flow, ['flow'])?.id;
        const value = change.principal.trim();
        let principal: string | null | undefined;
        let principalType: PrincipalType = 'User';
        let recipientEmail: string | undefined;
        if (/^list:/i.test(value)) {
          principal = value.slice('list:'.length).trim();
          principalType = 'SharePointList';
          if (principal === '') principal = fail(['principal'], `principal ${formatValue(change.principal)} names no list: write list:<list id>`);
          else if (change.role === 'copy') principal = fail(['principal'], 'principal: a copy of a flow goes to a person, not a SharePoint list');
        } else if (change.action === 'share-flow' && change.role === 'copy' && looksLikeEmail(value) && directory.find(['user', 'group'], value).length === 0) {
          principal = null;
          recipientEmail = value;
        } else {
          const c = one(['principal'], value, ['user', 'group']);
          principal = c?.id;
          principalType = c?.kind === 'group' ? 'Group' : 'User';
        }
        if (actor === undefined || flow === undefined || principal === undefined) break;
        if (change.action === 'share-flow') {
          resolved.push({ index, action: 'share-flow', actor, flow, role: change.role, principal, principalType, ...(recipientEmail !== undefined ? { recipientEmail } : {}) });
        } else if (principal !== null) {
          resolved.push({ index, action: 'unshare-flow', actor, flow, role: change.role, principal, principalType });
        }
        break;
      }
      case 'add-group-member': {
        const actor = optionalUser('actor', change.actor);
        const group = one(['group'], change.group, ['group'])?.id;
        const principal = userId('principal', change.principal);
        if (actor !== undefined && group !== undefined && principal !== undefined) {
          resolved.push({ index, action: 'add-group-member', actor, group, principal });
        }
        break;
      }
      case 'assign-environment-role': {
        const actor = optionalUser('actor', change.actor);
        const environment = one(['environment'], change.environment, ['environment'])?.id;
        const c = one(['principal'], change.principal, ['user', 'group']);
        if (actor !== undefined && environment !== undefined && c !== undefined) {
          resolved.push({
            index,
            action: 'assign-environment-role',
            actor,
            environment,
            principal: c.id,
            principalType: c.kind === 'group' ? 'Group' : 'User',
            role: change.role,
          });
        }
        break;
      }
      case 'share-site': {
        const actor = userId('actor', change.actor);
        const site = one(['site'], change.site, ['site'])?.id;
        const scope = change.link ?? 'specific-people';
        let recipient: string | null | undefined = null;
        let recipientEmail: string | undefined;
        let invitee: string | undefined;
        const value = change.recipient?.trim();
        if (value === undefined) {
          if (scope === 'specific-people') fail(['recipient'], 'recipient: a specific-people share names who it is sent to (an e-mail address or a user)');
        } else if (scope !== 'specific-people') {
          fail(['recipient'], `recipient: a link of scope ${scope} is not sent to anyone in particular; leave recipient out or use link: specific-people`);
        } else if (looksLikeEmail(value) && isInvitee(directory.find(['user'], value))) {
          // An address an earlier change invited (or shared with): whether that account exists now depends on
          // whether the earlier change was allowed, which the platform rules see; if it was refused, this share
          // creates it, under the id the earlier change gave it.
          recipient = directory.find(['user'], value)[0]!.id;
          recipientEmail = value;
          invitee = recipient;
        } else if (directory.find(['user'], value).length === 0 && looksLikeEmail(value)) {
          // An address with no account: SharePoint sends the invitation (through Entra B2B when integrated),
          // which creates a guest the platform rules describe; later changes may name it by this address.
          const existing = directory.existingAccounts(value);
          if (existing.length === 1) recipient = existing[0]!.id;
          else if (existing.length > 1) recipient = fail(['recipient'], `recipient ${formatValue(value)} belongs to several accounts: ${existing.map(describe).join(', ')}`);
          else {
            recipientEmail = value;
            invitee = inviteeId(index);
            const c: Candidate = { kind: 'user', id: invitee, invitedBy: index };
            if (initialDomain !== undefined) c.upn = guestUpn(value, initialDomain);
            directory.add(c, value);
          }
        } else {
          recipient = userId('recipient', value);
        }
        if (actor !== undefined && site !== undefined && recipient !== undefined && errors.length === before) {
          resolved.push({
            index,
            action: 'share-site',
            actor,
            site,
            item: change.item ?? 'site',
            ...(change.path !== undefined ? { path: change.path } : {}),
            scope,
            permission: change.permission ?? 'view',
            recipient,
            ...(recipientEmail !== undefined ? { recipientEmail, inviteeId: invitee! } : {}),
          });
        }
        break;
      }
      case 'set': {
        const path = change.path;
        if (!isSettingPath(path)) {
          fail(['path'], `path ${formatValue(path)} is not a setting a change can set (known: ${SETTING_PATHS.join(', ')})`);
          break;
        }
        const valueErrors = checkSettingValue(file, path, change.value, (p) => at(['value', ...p]));
        for (const e of valueErrors) errors.push(new InputError(`${label}: ${e.detail}`, e.position));
        if (valueErrors.length === 0) resolved.push({ index, action: 'set', path, value: change.value });
        break;
      }
      default: {
        const unknown: unknown = (change as { action?: unknown }).action;
        fail(['action'], `unknown action ${formatValue(unknown)}`);
      }
    }
  });

  if (errors.length > 0) throw new InputErrors(errors);
  return resolved;
}

function isInvitee(found: Candidate[]): boolean {
  return found.length === 1 && found[0]!.invitedBy !== undefined;
}

function isParsed(input: ParsedChanges | readonly RawChange[]): input is ParsedChanges {
  return !Array.isArray(input);
}

/** The value of a `set` against its setting's schema; messages name it `value` (value.mode, value.domains[0]). */
function checkSettingValue(
  file: string,
  path: Parameters<typeof settingValidator>[0],
  value: unknown,
  at: (path: DocPath) => SourcePosition | undefined,
): InputError[] {
  const validate = settingValidator(path);
  if (validate(value)) return [];
  const document: ParsedFile = {
    file,
    format: 'yaml',
    value,
    locate: (p) => at(p) ?? { file, line: 1, column: 1 },
  };
  return explainErrors(document, validate.errors ?? []).map((e) => {
    const detail = e.detail.startsWith('the export')
      ? `value${e.detail.slice('the export'.length)}`
      : e.detail.startsWith('[')
        ? `value${e.detail}`
        : `value.${e.detail}`;
    return new InputError(`${detail} (setting ${path})`, at([]) === undefined ? undefined : e.position);
  });
}
