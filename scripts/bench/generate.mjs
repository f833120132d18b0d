#!/usr/bin/env node
// Deterministic synthetic tenant export generator (schema version 1), for benchmarks and load tests.
//
//   node scripts/bench/generate.mjs --out DIR [--users N] [--guests N] [--groups N] [--environments N]
//        [--flows N] [--apps N] [--dlp-policies N] [--seed S] [--format json|yaml]
//
// --users is the total number of accounts, guests included (--guests defaults to 15% of it).
// The same flags give byte-identical files: every random choice comes from a seeded PRNG (mulberry32),
// one stream per section, so changing --flows does not change the users, and no clock is read.
// The export is split over several files as a real one would be; every file starts with schemaVersion: 1.
// Files are written a buffer at a time: no whole-file string is ever built.
//
// As a library: import { generateTenant } from './generate.mjs'; generateTenant({ out, users, ... }).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEFAULTS = Object.freeze({
  users: 1000,
  guests: undefined, // 15% of users
  groups: undefined, // users / 50 (at least 5)
  environments: 20,
  dlpPolicies: undefined, // environments / 4 (at least 3)
  flows: undefined, // users / 5
  apps: undefined, // users / 20
  seed: 1,
  format: 'json',
});

/** The instant generated data is "as of": every date lies before it. Use it as the scan's --as-of. */
export const AS_OF = '2026-11-30T00:00:00Z';
const EXPORTED_AT = '2026-11-29T06:15:00Z';
const T_START = Date.parse('2024-01-01T00:00:00Z') / 1000;
const T_END = Date.parse(EXPORTED_AT) / 1000;
const FLOW_CHUNK = 5000;
const USER_CHUNK = 200000;

// ---------------------------------------------------------------------------------------------------- PRNG

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: derives a per-section seed from the user's seed and the section name. */
function hash32(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function makeRng(seed, stream) {
  const next = mulberry32((hash32(stream) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
  const rng = {
    next,
    /** integer in [lo, hi] */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    /** weighted pick: [[value, weight], ...] */
    weighted: (pairs) => {
      let total = 0;
      for (const [, w] of pairs) total += w;
      let r = next() * total;
      for (const [v, w] of pairs) if ((r -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
    /** k distinct elements of arr (k small relative to arr) */
    sample: (arr, k) => {
      k = Math.min(k, arr.length);
      const out = new Set();
      while (out.size < k) out.add(arr[Math.floor(next() * arr.length)]);
      return [...out];
    },
    /** epoch seconds in [lo, hi] */
    time: (lo = T_START, hi = T_END) => lo + Math.floor(next() * Math.max(0, hi - lo)),
  };
  return rng;
}

const HEX = '0123456789abcdef';
/** GUID-shaped (version 4 layout) id; uniqueness is enforced by the caller's registry. */
function guidFrom(rng) {
  let s = '';
  for (let i = 0; i < 32; i++) {
    let d = Math.floor(rng.next() * 16);
    if (i === 12) d = 4;
    else if (i === 16) d = 8 + (d & 3);
    s += HEX[d];
    if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
  }
  return s;
}

function idRegistry() {
  const seen = new Set();
  return (rng) => {
    for (;;) {
      const id = guidFrom(rng);
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
}

/** ISO 8601 UTC without milliseconds, e.g. 2025-03-10T11:27:39Z. */
function iso(epochSeconds) {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19) + 'Z';
}

// ---------------------------------------------------------------------------------------------------- vocab

const FIRST = ['adele', 'alex', 'allan', 'ben', 'chloe', 'christie', 'daniel', 'diego', 'emma', 'grady', 'hannah', 'henrietta', 'isaiah', 'johanna', 'joni', 'lee', 'lidia', 'lynne', 'marta', 'megan', 'miriam', 'nestor', 'olga', 'patti', 'pradeep', 'ravi', 'sofia', 'tomas', 'wei', 'yuki', 'zara', 'amir', 'bianca', 'carlos', 'dmitri', 'elena', 'fatima', 'gustav', 'ingrid', 'kenji'];
const LAST = ['vance', 'wilber', 'deyoung', 'smith', 'jones', 'archer', 'varghese', 'siciliani', 'watson', 'garcia', 'lambert', 'cane', 'kowalska', 'chen', 'patel', 'gonzalez', 'holloway', 'robinson', 'bowen', 'fernandes', 'nakamura', 'okafor', 'ivanova', 'schmidt', 'rossi', 'dubois', 'larsen', 'novak', 'horvat', 'silva'];
const PARTNERS = [
  ['fabrikam.com', 'ExternalAzureAD'], ['adatum.com', 'ExternalAzureAD'], ['northwindtraders.com', 'ExternalAzureAD'],
  ['woodgrovebank.com', 'ExternalAzureAD'], ['litwareinc.com', 'ExternalAzureAD'], ['tailspintoys.com', 'ExternalAzureAD'],
  ['alpineskihouse.com', 'ExternalAzureAD'], ['wideworldimporters.com', 'ExternalAzureAD'], ['fourthcoffee.com', 'ExternalAzureAD'],
  ['lucernepublishing.com', 'ExternalAzureAD'], ['margiestravel.com', 'mail'], ['relecloud.com', 'ExternalAzureAD'],
  ['gmail.com', 'google.com'], ['outlook.com', 'MicrosoftAccount'], ['hotmail.com', 'MicrosoftAccount'], ['proton.me', 'mail'],
];
const DEPARTMENTS = ['Finance', 'Sales', 'Marketing', 'HR', 'Legal', 'Operations', 'IT', 'Engineering', 'Support', 'Procurement', 'Facilities', 'Research', 'Security', 'Communications', 'Logistics'];
const GROUP_KINDS = ['Team', 'Approvers', 'Project', 'Readers', 'Owners', 'Makers', 'Community', 'Leads', 'Contractors', 'All'];
const LICENSES = ['SPE_E3', 'SPE_E5', 'ENTERPRISEPACK', 'POWER_BI_PRO', 'FLOW_FREE', 'POWERAPPS_PER_USER', 'EMS', 'TEAMS_EXPLORATORY'];
const ROLES_RARE = ['Global Administrator', 'User Administrator', 'Guest Inviter', 'Power Platform Administrator', 'Groups Administrator'];
const BUSINESS = ['shared_sharepointonline', 'shared_office365', 'shared_teams', 'shared_approvals', 'shared_commondataserviceforapps', 'shared_office365users', 'shared_excelonlinebusiness', 'shared_onedriveforbusiness', 'shared_planner'];
const NON_BUSINESS = ['shared_twitter', 'shared_rss', 'shared_dropbox', 'shared_gmail', 'shared_onedrive', 'shared_facebook', 'http', 'shared_sql', 'shared_salesforce', 'shared_servicebus'];
const CONNECTORS = [...BUSINESS, ...BUSINESS, ...BUSINESS, ...NON_BUSINESS, 'shared_contoso-erp-custom', 'shared_custom-webhook'];
const TRIGGER_CONNECTORS = ['shared_sharepointonline', 'shared_office365', 'shared_teams', 'shared_commondataserviceforapps', 'shared_onedriveforbusiness', 'shared_rss', 'shared_twitter'];
const FLOW_VERBS = ['Approve', 'Sync', 'Notify', 'Archive', 'Route', 'Collect', 'Escalate', 'Publish', 'Reconcile', 'Remind'];
const FLOW_NOUNS = ['invoices', 'expenses', 'leave requests', 'contracts', 'tickets', 'leads', 'purchase orders', 'timesheets', 'onboarding tasks', 'survey results', 'news posts', 'vendor forms'];
const APP_NAMES = ['Inspection Checklist', 'Room Booking', 'Asset Tracker', 'Expense Claims', 'Visitor Log', 'Vendor Portal', 'Time Off', 'Help Desk', 'Inventory', 'Field Survey', 'Training Tracker', 'Order Entry'];

// ---------------------------------------------------------------------------------------------------- writer

/** Buffered file writer: strings are appended and flushed every ~1 MiB. */
class Writer {
  constructor(file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'w');
    this.parts = [];
    this.size = 0;
    this.bytes = 0;
  }
  write(s) {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) this.flush();
  }
  flush() {
    if (!this.parts.length) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    fs.writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
    return this.bytes;
  }
}

/**
 * Writes one export file: a header (schemaVersion plus object sections) and at most one list section,
 * whose items are appended one by one. JSON is indented like ConvertTo-Json output; YAML uses block
 * mappings per item with JSON-style (flow) values, which YAML 1.2 reads as written.
 */
class ExportFile {
  constructor(root, rel, format, comment) {
    this.rel = format === 'yaml' ? rel.replace(/\.json$/, '.yaml') : rel;
    this.file = path.join(root, this.rel);
    this.format = format;
    this.w = new Writer(this.file);
    this.list = null;
    this.count = 0;
    if (format === 'json') this.w.write('{\n  "schemaVersion": 1');
    else this.w.write(`schemaVersion: 1\n# ${comment}\n`);
  }
  object(name, value) {
    if (this.format === 'json') this.w.write(`,\n  ${JSON.stringify(name)}: ${indent(JSON.stringify(value, null, 2), '  ')}`);
    else this.w.write(`\n${name}:\n${yamlBlock(value, '  ')}`);
  }
  beginList(name) {
    this.list = name;
    if (this.format === 'json') this.w.write(`,\n  ${JSON.stringify(name)}: [`);
    else this.w.write(`\n${name}:\n`);
  }
  item(obj) {
    if (this.format === 'json') {
      this.w.write(`${this.count ? ',' : ''}\n    ${indent(JSON.stringify(obj, null, 2), '    ')}`);
    } else {
      let first = true;
      let s = '';
      for (const key in obj) {
        s += `${first ? '  - ' : '    '}${key}: ${yamlValue(obj[key])}\n`;
        first = false;
      }
      this.w.write(s);
    }
    this.count++;
  }
  close() {
    if (this.format === 'json') this.w.write(this.list ? (this.count ? '\n  ]\n}\n' : ']\n}\n') : '\n}\n');
    else if (this.list && !this.count) this.w.write('  []\n');
    const bytes = this.w.close();
    return { path: this.rel, bytes, section: this.list, count: this.count };
  }
}

function indent(s, pad) {
  return s.includes('\n') ? s.replace(/\n/g, `\n${pad}`) : s;
}

/** A YAML flow value: JSON is valid YAML 1.2; plain scalars where unambiguous keep files readable. */
function yamlValue(v) {
  if (typeof v === 'string') return /^[A-Za-z][A-Za-z0-9_.-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(v) ? v : JSON.stringify(v);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return `[${v.map(yamlValue).join(', ')}]`;
  return JSON.stringify(v);
}

function yamlBlock(obj, pad) {
  let s = '';
  for (const key in obj) {
    const v = obj[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) s += `${pad}${key}:\n${yamlBlock(v, pad + '  ')}`;
    else s += `${pad}${key}: ${yamlValue(v)}\n`;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------- generator

function parseCount(name, v, min = 0) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min} (got ${v})`);
  return n;
}

/** Fills in the derived defaults; exported so the bench can show what it generated. */
export function resolveOptions(options = {}) {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const users = parseCount('users', o.users, 2);
  const guests = o.guests === undefined ? Math.round(users * 0.15) : parseCount('guests', o.guests);
  if (guests > users - 1) throw new Error('--guests must leave at least one member user');
  const environments = parseCount('environments', o.environments, 1);
  return {
    out: o.out,
    users,
    guests,
    groups: o.groups === undefined ? Math.max(5, Math.round(users / 50)) : parseCount('groups', o.groups),
    environments,
    dlpPolicies: o.dlpPolicies === undefined ? Math.max(3, Math.ceil(environments / 4)) : parseCount('dlp-policies', o.dlpPolicies),
    flows: o.flows === undefined ? Math.round(users / 5) : parseCount('flows', o.flows),
    apps: o.apps === undefined ? Math.round(users / 20) : parseCount('apps', o.apps),
    seed: parseCount('seed', o.seed),
    format: o.format === 'yaml' || o.format === 'yml' ? 'yaml' : o.format === 'json' ? 'json' : (() => { throw new Error(`--format must be json or yaml (got ${o.format})`); })(),
  };
}

/**
 * Generates a tenant export into options.out. Returns { out, options, files: [{ path, bytes, section, count }],
 * counts, tenantId, asOf }. The directory is created; files already there with the same names are overwritten.
 */
export function generateTenant(options) {
  const opt = resolveOptions(options);
  if (!opt.out) throw new Error('generateTenant: options.out (a directory) is required');
  const root = path.resolve(opt.out);
  fs.mkdirSync(root, { recursive: true });
  const newId = idRegistry();
  const R = (stream) => makeRng(opt.seed, stream);
  const files = [];
  const fmt = opt.format;

  // ----- tenant, settings
  const rt = R('tenant');
  const tenantId = newId(rt);
  const org = `contoso${opt.seed === 1 ? '' : opt.seed}`;
  const initialDomain = `${org}.onmicrosoft.com`;
  const verifiedDomains = [`${org}.com`, `${org}.co.uk`];
  const homeDomain = verifiedDomains[0];
  {
    const f = new ExportFile(root, 'tenant.json', fmt, 'Tenant identity, external collaboration and Power Platform tenant settings.');
    f.object('tenant', { id: tenantId, displayName: `Contoso ${opt.seed === 1 ? 'Ltd' : `Ltd ${opt.seed}`}`, initialDomain, verifiedDomains, cloud: 'Commercial', exportedAt: EXPORTED_AT });
    f.object('externalCollaboration', {
      guestUserAccess: rt.pick(['sameAsMember', 'limited', 'restricted']),
      allowInvitesFrom: rt.pick(['everyone', 'adminsGuestInvitersAndAllMembers', 'adminsAndGuestInviters']),
      allowEmailVerifiedUsersToJoinOrganization: false,
      guestSelfServiceSignUp: rt.chance(0.5),
      emailOneTimePasscode: true,
      invitationDomains: { mode: 'blockList', domains: ['wingtiptoys.com', 'proseware.com'] },
      crossTenantAccess: {
        default: { b2bCollaborationInbound: 'allowed', b2bCollaborationOutbound: 'allowed' },
        partners: PARTNERS.slice(0, 3).map(([domain]) => ({ tenantId: newId(rt), displayName: domain.split('.')[0], domains: [domain], b2bCollaborationInbound: 'allowed', b2bCollaborationOutbound: 'allowed' })),
      },
      m365Groups: { allowToAddGuests: true, allowGuestsToAccessGroups: true },
    });
    f.object('powerPlatform', { tenantSettings: { enableGuestsToMake: true, disableShareWithEveryone: false, disableTrialEnvironmentCreationByNonAdminUsers: true } });
    files.push(f.close());
  }

  // ----- users: members first (ids are random, so file order says nothing), then guests
  const nMembers = opt.users - opt.guests;
  const memberIds = new Array(nMembers);
  const guestIds = new Array(opt.guests);
  const disabled = new Set();
  const deletedIds = []; // principals referenced but not exported (deleted accounts)
  const rd = R('deleted');
  for (let i = 0, n = Math.max(5, Math.round(opt.users / 100)); i < n; i++) deletedIds.push(newId(rd));

  const ru = R('members');
  {
    // At most USER_CHUNK members a file (users/members.json, then members-002.json …): 1,000,000 users in one
    // file would be some 600 MiB of text, past the longest string V8 makes (512 MiB), and no real export
    // comes as one file that size (Graph pages users 999 at a time).
    const open = (n) => {
      const file = new ExportFile(root, n === 0 ? 'users/members.json' : `users/members-${String(n + 1).padStart(3, '0')}.json`, fmt, 'Member users (Graph /users?$filter=userType eq \'Member\').');
      file.beginList('users');
      return file;
    };
    let f = open(0);
    for (let i = 0; i < nMembers; i++) {
      if (i > 0 && i % USER_CHUNK === 0) {
        files.push(f.close());
        f = open(i / USER_CHUNK);
      }
      const id = newId(ru);
      memberIds[i] = id;
      const first = ru.pick(FIRST);
      const last = ru.pick(LAST);
      const upn = `${first}.${last}${i}@${homeDomain}`;
      const created = ru.time(T_START, T_END - 86400 * 30);
      const enabled = !ru.chance(0.03);
      if (!enabled) disabled.add(id);
      const lic = ru.chance(0.9) ? ru.sample(LICENSES, ru.int(1, 3)) : [];
      f.item({
        id,
        userPrincipalName: upn,
        displayName: `${cap(first)} ${cap(last)}`,
        mail: ru.chance(0.97) ? upn : null,
        userType: 'Member',
        accountEnabled: enabled,
        creationType: null,
        externalUserState: null,
        externalUserStateChangeDateTime: null,
        identities: [{ signInType: 'userPrincipalName', issuer: initialDomain }],
        createdDateTime: iso(created),
        lastSignInDateTime: ru.chance(0.08) ? null : iso(ru.time(created, T_END)),
        licenses: lic,
        directoryRoles: i < 3 ? ['Global Administrator'] : ru.chance(0.004) ? [ru.pick(ROLES_RARE)] : [],
        department: ru.pick(DEPARTMENTS),
      });
    }
    files.push(f.close());
  }

  const rg = R('guests');
  {
    const f = new ExportFile(root, 'users/guests.json', fmt, 'B2B guests (Graph /users?$filter=userType eq \'Guest\').');
    f.beginList('users');
    for (let i = 0; i < opt.guests; i++) {
      const id = newId(rg);
      guestIds[i] = id;
      const first = rg.pick(FIRST);
      const last = rg.pick(LAST);
      const [domain, issuer] = rg.pick(PARTNERS);
      const local = `${first}.${last}${i}`;
      const mail = `${local}@${domain}`;
      const pending = rg.chance(0.15);
      const created = rg.time(T_START, T_END - 86400);
      const changed = pending ? created + rg.int(0, 600) : created + rg.int(60, 86400 * 14);
      const enabled = !rg.chance(0.06);
      if (!enabled) disabled.add(id);
      const inviter = rg.pick(memberIds);
      f.item({
        id,
        userPrincipalName: `${local}_${domain}#EXT#@${initialDomain}`,
        displayName: `${cap(first)} ${cap(last)} (${domain.split('.')[0]})`,
        mail,
        userType: 'Guest',
        accountEnabled: enabled,
        creationType: rg.chance(0.97) ? 'Invitation' : 'SelfServiceSignUp',
        externalUserState: pending ? 'PendingAcceptance' : 'Accepted',
        externalUserStateChangeDateTime: rg.chance(0.97) ? iso(Math.min(changed, T_END)) : null,
        identities: [{ signInType: pending ? 'userPrincipalName' : 'federated', issuer: pending ? initialDomain : issuer }],
        createdDateTime: iso(created),
        lastSignInDateTime: pending || rg.chance(0.1) ? null : iso(rg.time(Math.min(changed, T_END), T_END)),
        sponsors: rg.chance(0.7) ? [rg.chance(0.03) ? rg.pick(deletedIds) : inviter] : [],
        invitedBy: inviter,
        licenses: rg.chance(0.2) ? ['SPE_E3'] : [],
      });
    }
    files.push(f.close());
  }

  const anyUser = (rng) => (guestIds.length && rng.chance(opt.guests / opt.users) ? rng.pick(guestIds) : rng.pick(memberIds));

  // ----- groups
  const rgr = R('groups');
  const groupIds = [];
  for (let i = 0; i < opt.groups; i++) groupIds.push(newId(rgr));
  {
    const f = new ExportFile(root, 'groups/groups.json', fmt, 'Groups with direct members and owners (Graph /groups).');
    f.beginList('groups');
    for (let i = 0; i < opt.groups; i++) {
      const id = groupIds[i];
      const dept = rgr.pick(DEPARTMENTS);
      const kind = rgr.pick(GROUP_KINDS);
      const unified = rgr.chance(0.55);
      const size = 5 + Math.floor(195 * rgr.next() ** 3); // 5..200, most groups small
      const members = new Set();
      while (members.size < Math.min(size, nMembers)) members.add(rgr.pick(memberIds));
      if (guestIds.length && rgr.chance(0.25)) for (let k = rgr.int(1, 5); k > 0; k--) members.add(rgr.pick(guestIds));
      if (i > 0 && rgr.chance(0.1)) for (let k = rgr.int(1, 3); k > 0; k--) members.add(groupIds[rgr.int(0, i - 1)]); // nested: earlier groups only
      if (rgr.chance(0.05)) members.add(rgr.pick(deletedIds));
      const owners = rgr.sample(memberIds, rgr.int(1, 3));
      const nick = `${dept}-${kind}-${i}`.toLowerCase();
      const externalMail = rgr.chance(0.003);
      f.item({
        id,
        displayName: `${dept} ${kind} ${i}`,
        mail: unified || rgr.chance(0.2) ? `${nick}@${externalMail ? 'fabrikam.com' : homeDomain}` : null,
        groupTypes: unified ? ['Unified'] : [],
        securityEnabled: !unified || rgr.chance(0.2),
        visibility: unified ? rgr.weighted([['Private', 6], ['Public', 4]]) : null,
        allowToAddGuests: unified ? rgr.chance(0.7) : null,
        members: [...members],
        owners,
        createdDateTime: iso(rgr.time()),
      });
    }
    files.push(f.close());
  }

  // ----- environments
  const re = R('environments');
  const envIds = [`Default-${tenantId}`];
  for (let i = 1; i < opt.environments; i++) envIds.push(newId(re));
  {
    const f = new ExportFile(root, 'power-platform/environments.json', fmt, 'Power Platform environments and role assignments.');
    f.beginList('environments');
    for (let i = 0; i < opt.environments; i++) {
      const isDefault = i === 0;
      const type = isDefault ? 'Default' : re.weighted([['Production', 5], ['Sandbox', 3], ['Developer', 2], ['Trial', 1], ['Teams', 1]]);
      const roles = [];
      const add = (principalId, principalType, role) => roles.push({ principalId, principalType, role });
      for (let k = re.int(1, 3); k > 0; k--) add(re.pick(memberIds), 'User', 'EnvironmentAdmin');
      if (!isDefault) for (let k = re.int(0, 2); k > 0; k--) add(re.pick(memberIds), 'User', 'SystemAdministrator');
      for (let k = re.int(1, 6); k > 0; k--) add(re.pick(memberIds), 'User', 'EnvironmentMaker');
      if (groupIds.length && re.chance(0.4)) add(re.pick(groupIds), 'Group', re.pick(['EnvironmentMaker', 'BasicUser']));
      if (guestIds.length && re.chance(0.25)) add(re.pick(guestIds), 'User', re.weighted([['EnvironmentMaker', 6], ['BasicUser', 3], ['SystemAdministrator', 1]]));
      if (re.chance(0.15)) add(re.pick(deletedIds), 'User', 'EnvironmentMaker');
      for (let k = re.int(0, 4); k > 0; k--) add(re.pick(memberIds), 'User', re.pick(['SystemCustomizer', 'BasicUser']));
      f.item({
        id: envIds[i],
        displayName: isDefault ? 'Contoso (default)' : `${re.pick(DEPARTMENTS)} ${type} ${i}`,
        type,
        securityGroupId: isDefault || !groupIds.length || re.chance(0.4) ? null : re.pick(groupIds),
        roleAssignments: roles,
        createdDateTime: iso(re.time()),
      });
    }
    files.push(f.close());
  }

  // ----- DLP policies
  const rp = R('dlp');
  {
    const f = new ExportFile(root, 'power-platform/dlp-policies.json', fmt, 'Data loss prevention policies.');
    f.beginList('dlpPolicies');
    for (let i = 0; i < opt.dlpPolicies; i++) {
      const environmentType = i === 0 ? 'ExceptEnvironments' : i === 1 && opt.dlpPolicies > 3 ? 'AllEnvironments' : 'OnlyEnvironments';
      let environments = environmentType === 'AllEnvironments' ? [] : rp.sample(envIds.slice(1).length ? envIds.slice(1) : envIds, rp.int(1, 3));
      if (i === opt.dlpPolicies - 1) environments = [...environments, newId(rp)]; // an environment since deleted
      const business = rp.sample(BUSINESS, rp.int(5, BUSINESS.length));
      const rest = NON_BUSINESS.filter((c) => !business.includes(c));
      const blocked = rp.sample(rest, rp.int(0, 3));
      f.item({
        id: newId(rp),
        displayName: i === 0 ? 'Baseline - Block social' : `${rp.pick(DEPARTMENTS)} - DLP ${i}`,
        environmentType,
        environments,
        connectorGroups: { business, nonBusiness: rest.filter((c) => !blocked.includes(c)), blocked },
        defaultConnectorClassification: rp.weighted([['nonBusiness', 3], ['blocked', 1], ['business', 1]]),
        createdTime: iso(rp.time()),
      });
    }
    files.push(f.close());
  }

  // ----- flows, in chunks of at most FLOW_CHUNK per file
  const rf = R('flows');
  const flowPrincipal = (rng) => {
    const r = rng.next();
    if (r < 0.1 && groupIds.length) return { principalId: rng.pick(groupIds), principalType: 'Group' };
    if (r < 0.13 && guestIds.length) return { principalId: rng.pick(guestIds), principalType: 'User' };
    if (r < 0.15) return { principalId: rng.pick(deletedIds), principalType: 'User' };
    if (r < 0.16) return { principalId: newId(rng), principalType: 'SharePointList' };
    return { principalId: rng.pick(memberIds), principalType: 'User' };
  };
  const chunks = Math.ceil(opt.flows / FLOW_CHUNK);
  for (let c = 0; c < chunks; c++) {
    const f = new ExportFile(root, `power-platform/flows/flows-${String(c + 1).padStart(3, '0')}.json`, fmt, 'Power Automate cloud flows.');
    f.beginList('flows');
    for (let i = c * FLOW_CHUNK, end = Math.min(opt.flows, (c + 1) * FLOW_CHUNK); i < end; i++) {
      const r = rf.next();
      const creatorId = r < 0.03 ? rf.pick(deletedIds) : r < 0.05 && guestIds.length ? rf.pick(guestIds) : rf.pick(memberIds);
      const environmentId = rf.chance(0.4) ? envIds[0] : rf.pick(envIds);
      const kind = rf.weighted([['automated', 45], ['instant', 30], ['scheduled', 25]]);
      const owners = [{ principalId: creatorId, principalType: 'User' }];
      for (let k = rf.weighted([[0, 5], [1, 3], [2, 1.5], [3, 0.5]]); k > 0; k--) owners.push(flowPrincipal(rf));
      const runOnlyUsers = [];
      if (kind === 'instant') for (let k = rf.weighted([[0, 5], [1, 3], [2, 1], [3, 1]]); k > 0; k--) runOnlyUsers.push(flowPrincipal(rf));
      const refs = [];
      for (let k = rf.int(1, 4); k > 0; k--) {
        const connectorId = rf.pick(CONNECTORS);
        refs.push({
          id: `${connectorId.replace(/^shared_/, 'shared-').slice(0, 20)}-${newId(rf)}`,
          connectorId,
          connectionOwnerId: rf.chance(0.85) ? creatorId : rf.chance(0.1) ? rf.pick(deletedIds) : anyUser(rf),
          runtimeSource: kind === 'instant' && rf.chance(0.3) ? 'invoker' : 'embedded',
          used: rf.chance(0.93),
        });
      }
      const created = rf.time();
      const flow = {
        id: newId(rf),
        displayName: `${rf.pick(FLOW_VERBS)} ${rf.pick(FLOW_NOUNS)} ${i}`,
        environmentId,
        creatorId,
        state: rf.weighted([['Started', 75], ['Stopped', 20], ['Suspended', 5]]),
        trigger: kind === 'scheduled' ? { kind } : { kind, connectorId: rf.pick(TRIGGER_CONNECTORS) },
        solutionAware: environmentId !== envIds[0] && rf.chance(0.4),
        createdTime: iso(created),
        lastModifiedTime: iso(rf.time(created, T_END)),
        owners,
        runOnlyUsers,
        connectionReferences: refs,
        sharedCopies: rf.chance(0.01) ? [{ recipientEmail: `${rf.pick(FIRST)}@${rf.pick(PARTNERS)[0]}`, sentBy: creatorId, sentAt: iso(rf.time(created, T_END)) }] : [],
      };
      f.item(flow);
    }
    files.push(f.close());
  }

  // ----- apps
  const ra = R('apps');
  {
    const f = new ExportFile(root, 'power-platform/apps.json', fmt, 'Power Apps canvas apps and their shares.');
    f.beginList('apps');
    for (let i = 0; i < opt.apps; i++) {
      const shares = [];
      for (let k = ra.weighted([[0, 3], [1, 3], [2, 2], [3, 1], [5, 1]]); k > 0; k--) {
        const r = ra.next();
        if (r < 0.3 && groupIds.length) shares.push({ principalId: ra.pick(groupIds), principalType: 'Group', role: 'CanView' });
        else if (r < 0.38 && guestIds.length) shares.push({ principalId: ra.pick(guestIds), principalType: 'User', role: ra.chance(0.3) ? 'CanEdit' : 'CanView' });
        else shares.push({ principalId: ra.pick(memberIds), principalType: 'User', role: ra.chance(0.2) ? 'CanEdit' : 'CanView' });
      }
      const created = ra.time();
      f.item({
        id: newId(ra),
        displayName: `${ra.pick(APP_NAMES)} ${i}`,
        environmentId: ra.chance(0.35) ? envIds[0] : ra.pick(envIds),
        ownerId: ra.chance(0.03) ? ra.pick(deletedIds) : ra.pick(memberIds),
        sharedWithEveryone: ra.chance(0.05),
        sharedWith: shares,
        createdTime: iso(created),
        lastModifiedTime: iso(ra.time(created, T_END)),
      });
    }
    files.push(f.close());
  }

  return {
    out: root,
    options: opt,
    files,
    counts: { users: opt.users, members: nMembers, guests: opt.guests, groups: opt.groups, environments: opt.environments, dlpPolicies: opt.dlpPolicies, flows: opt.flows, apps: opt.apps, disabledUsers: disabled.size, deletedPrincipals: deletedIds.length },
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    tenantId,
    asOf: AS_OF,
  };
}

function cap(s) {
  return s[0].toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------------- CLI

const FLAGS = { '--out': 'out', '--users': 'users', '--guests': 'guests', '--groups': 'groups', '--environments': 'environments', '--flows': 'flows', '--apps': 'apps', '--dlp-policies': 'dlpPolicies', '--seed': 'seed', '--format': 'format' };

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') return null;
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown argument ${argv[i]} (try --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    o[key] = value;
  }
  return o;
}

const USAGE = `usage: node scripts/bench/generate.mjs --out DIR [--users N] [--guests N] [--groups N] [--environments N]
       [--flows N] [--apps N] [--dlp-policies N] [--seed S] [--format json|yaml]
  --users is the total number of accounts, guests included (default ${DEFAULTS.users}); --guests defaults to 15% of it;
  --groups users/50, --flows users/5, --apps users/20, --environments ${DEFAULTS.environments}, --dlp-policies environments/4.
  Same flags, same bytes. Dates lie in 2024-01-01 .. ${EXPORTED_AT}; scan with --as-of ${AS_OF} to reproduce findings.`;

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (!args) {
      console.log(USAGE);
      process.exit(0);
    }
    if (!args.out) throw new Error('--out DIR is required');
    const t0 = performance.now();
    const r = generateTenant(args);
    const ms = performance.now() - t0;
    const c = r.counts;
    console.log(`wrote ${r.files.length} files, ${(r.bytes / 1048576).toFixed(1)} MiB to ${r.out} in ${(ms / 1000).toFixed(2)} s`);
    console.log(`  users ${c.users} (${c.guests} guests, ${c.disabledUsers} disabled), groups ${c.groups}, environments ${c.environments}, dlpPolicies ${c.dlpPolicies}, flows ${c.flows}, apps ${c.apps}; as of ${r.asOf}`);
  } catch (e) {
    console.error(`generate: ${e.message}`);
    console.error(USAGE);
    process.exit(2);
  }
}
