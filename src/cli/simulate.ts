import { Command, Option } from 'commander';
import { EMPTY_CONFIG, findConfig, loadConfig } from '../config/config.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';
import { forJson } from '../format/neutralise.js';
import { formatSimulationText } from '../format/simulation-text.js';
import { loadTenant, parseAsOf } from '../scan.js';
import { InputError, InputErrors, UsageError } from '../errors.js';
import { loadChanges } from '../simulate/changes.js';
import type { RawChange } from '../simulate/types.js';
import { resolveChanges } from '../simulate/resolve.js';
import { simulate } from '../simulate/simulate.js';
import { writeReport } from './output.js';
import { addPolicyOptions, policyBundle, type PolicyFlags } from './policy-options.js';
import { returning, type CommandExit } from './exit.js';

interface SimulateFlags extends PolicyFlags {
  tenant: string[];
  output: 'text' | 'json';
  out?: string;
  failOn: Severity;
  asOf?: string;
  config?: string;
}

/** `shareguard simulate CHANGES --tenant PATH`: what the proposed changes would do, before anyone clicks. */
export function simulateCommand(): Command {
  const command = new Command('simulate')
    .description('simulate proposed invites, shares and setting changes against a tenant export')
    .argument('[changes]', 'change file (YAML or JSON, schemas/changes.schema.json)');
  return addPolicyOptions(command)
    .requiredOption('-t, --tenant <paths...>', 'the tenant export: files or directories')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'a change introducing a finding at or above this severity is denied').choices([...SEVERITIES]).default('high'))
    .option('--as-of <iso-8601>', 'the instant the simulation is "as of" (default: now)')
    .option('-c, --config <file>', 'configuration file (default: shareguard.yaml in the working directory, if any)')
    .addHelpText(
      'after',
      `
Examples:
  $ shareguard simulate examples/changes/onboard-vendor.yaml --tenant examples/contoso
  $ shareguard simulate pr-changes.yaml --tenant exports/main --output json --fail-on medium
  $ shareguard simulate invite --as isaiah.langer@contoso.com --email ana@fabrikam.com --group "Finance Team" --tenant examples/contoso
  $ shareguard simulate share --as lee.gu@contoso.com --flow "Expense Approval" --with ana@fabrikam.com --role run-only --tenant examples/contoso
  $ shareguard simulate pr-changes.yaml --tenant exports/main --policy security/policies

--tenant takes several paths, so put it after a shortcut's flags (or end its list with another option):
"simulate --tenant DIR invite ..." would read "invite" as a second export path.

Exit codes: 0 no change denied, 1 a change is denied (refused by the platform, or introducing a finding at
or above --fail-on), 2 usage, input or internal error. The export is never written.`,
    )
    .addCommand(inviteShortcut())
    .addCommand(shareShortcut())
    .addCommand(shareSiteShortcut())
    .action(returning(async (changesFile: string | undefined, flags: SimulateFlags) => {
      if (!changesFile) throw new UsageError('simulate needs a change file, or one of the shortcuts "invite" and "share" (see --help)');
      return run(flags, changesFile, undefined);
    }));
}

/** Loads, resolves, simulates and reports: the same path for a change file and for a shortcut's one change. */
async function run(flags: SimulateFlags, changesFile: string | undefined, shortcut: RawChange | undefined): Promise<CommandExit> {
  const asOf = flags.asOf ? parseAsOf(flags.asOf) : undefined;
  const bundle = policyBundle(flags, flags.tenant);
  const configFile = findConfig(flags.config);
  const config = configFile ? loadConfig(configFile, bundle.manifest.controls) : EMPTY_CONFIG;
  const loaded = await loadTenant(flags.tenant);
  const raw = changesFile ? loadChanges(changesFile) : undefined;
  const changes = raw ? resolveChanges(raw, loaded.tenant) : asFlagErrors(() => resolveChanges([shortcut!], loaded.tenant));
  const result = await simulate(loaded, changes, { ...(asOf ? { asOf } : {}), bundle, params: config.params, controls: config.controls, failOn: flags.failOn });
  const labels = (raw?.changes ?? [shortcut!]).map((c) => describe(c as unknown as Record<string, unknown>));
  const report = flags.output === 'json' ? `${forJson(result, 2)}\n` : formatSimulationText(result, labels);
  if (flags.out) writeReport(flags.out, report, [...flags.tenant, ...(changesFile ? [changesFile] : [])]);
  else process.stdout.write(report);
  return result.results.some((r) => r.decision === 'deny') ? 1 : 0;
}

/** `simulate invite`: one invitation, with the same semantics as an invite in a change file. */
function inviteShortcut(): Command {
  return new Command('invite')
    .description('simulate one B2B invitation')
    .requiredOption('--as <user>', 'who sends the invitation (UPN, mail, display name or id)')
    .requiredOption('--email <address>', 'the address invited')
    .option('--display-name <name>', 'the invitee\'s display name')
    .addOption(new Option('--user-type <type>', 'userType of the new account').choices(['Guest', 'Member']).default('Guest'))
    .option('--group <group...>', 'groups to add the invitee to (name or id)')
    .action(returning(async (opts: { as: string; email: string; displayName?: string; userType: 'Guest' | 'Member'; group?: string[] }, command: Command) => {
      const change = {
        action: 'invite',
        actor: opts.as,
        email: opts.email,
        userType: opts.userType,
        ...(opts.displayName ? { displayName: opts.displayName } : {}),
        ...(opts.group ? { groups: opts.group } : {}),
      } as RawChange;
      return run(command.parent!.opts() as SimulateFlags, undefined, change);
    }));
}

/** `simulate share`: one flow share (owner, run-only or copy). */
function shareShortcut(): Command {
  return new Command('share')
    .description('simulate sharing one flow')
    .requiredOption('--as <user>', 'who shares the flow')
    .requiredOption('--flow <flow>', 'the flow (display name or id)')
    .requiredOption('--with <principal>', 'the user or group it is shared with, or an address for a copy')
    .addOption(new Option('--role <role>', 'how it is shared').choices(['owner', 'run-only', 'copy']).default('owner'))
    .action(returning(async (opts: { as: string; flow: string; with: string; role: 'owner' | 'run-only' | 'copy' }, command: Command) => {
      const change = { action: 'share-flow', actor: opts.as, flow: opts.flow, principal: opts.with, role: opts.role } as RawChange;
      return run(command.parent!.opts() as SimulateFlags, undefined, change);
    }));
}

/** `simulate share-site`: one share of a site, folder or file, with a person or as a link. */
function shareSiteShortcut(): Command {
  return new Command('share-site')
    .description('simulate sharing one SharePoint site, folder or file (OneDrive included)')
    .requiredOption('--as <user>', 'who shares')
    .requiredOption('--site <site>', 'the site (URL, title or id)')
    .option('--with <recipient>', 'the address or user it is shared with (a specific-people share)')
    .addOption(new Option('--link <scope>', 'a link instead of an invitation').choices(['anyone', 'organization', 'specific-people']))
    .addOption(new Option('--permission <permission>', 'what the share lets its holder do').choices(['view', 'edit']).default('view'))
    .addOption(new Option('--item <kind>', 'what is shared').choices(['site', 'folder', 'file']).default('site'))
    .option('--path <path>', 'the folder or file in the site')
    .action(returning(async (opts: { as: string; site: string; with?: string; link?: 'anyone' | 'organization' | 'specific-people'; permission: 'view' | 'edit'; item: 'site' | 'folder' | 'file'; path?: string }, command: Command) => {
      const change = {
        action: 'share-site',
        actor: opts.as,
        site: opts.site,
        item: opts.item,
        permission: opts.permission,
        ...(opts.with !== undefined ? { recipient: opts.with } : {}),
        ...(opts.link !== undefined ? { link: opts.link } : {}),
        ...(opts.path !== undefined ? { path: opts.path } : {}),
      } as RawChange;
      return run(command.parent!.opts() as SimulateFlags, undefined, change);
    }));
}

/** The shortcut flag each field of its one change comes from. */
const FLAG_OF: Record<string, string> = {
  actor: '--as',
  email: '--email',
  displayName: '--display-name',
  userType: '--user-type',
  groups: '--group',
  flow: '--flow',
  principal: '--with',
  role: '--role',
  site: '--site',
  recipient: '--with',
  link: '--link',
  permission: '--permission',
  item: '--item',
  path: '--path',
};

/**
 * A shortcut's change has no file: its problems ("change 0 (invite): email must not be empty") are usage
 * errors, said in terms of the flags that were typed ("--email must not be empty"). Exit code 2 either way.
 */
function asFlagErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    const errors = e instanceof InputErrors ? e.errors : e instanceof InputError ? [e] : undefined;
    if (!errors) throw e;
    const rename = (detail: string) =>
      detail.replace(/^change 0(?: \([a-z-]+\))?: ([A-Za-z]+)(\[\d+\])?/, (whole, field: string) => FLAG_OF[field] ?? whole);
    throw new UsageError(errors.map((x) => rename(x.detail)).join('; '));
  }
}

/** A one-line summary of a change as the user wrote it. */
function describe(change: Record<string, unknown>): string {
  const parts = ['actor', 'email', 'user', 'flow', 'site', 'group', 'environment', 'principal', 'recipient', 'link', 'role', 'permission', 'path', 'value']
    .filter((k) => change[k] !== undefined && change[k] !== null)
    .map((k) => `${k} ${JSON.stringify(change[k])}`);
  return parts.join(', ');
}
