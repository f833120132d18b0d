import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../src/simulate/simulate.js';
import { AS_OF, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';

function simulateJson(changes: string, extra: string[] = []): { code: number; stderr: string; result: SimulationResult } {
  const r = runCli(['simulate', changes, '--tenant', EXAMPLE, '--as-of', AS_OF, '-o', 'json', ...extra]);
  return { code: r.code, stderr: r.stderr, result: JSON.parse(r.stdout || 'null') as SimulationResult };
}

const rulesOf = (r: SimulationResult['results'][number]) => r.platform.rules.map((x) => `${x.id}:${x.effect}`);

describe('shareguard simulate (end to end)', () => {
  it('reports the changes the platform refuses, applies none of them, and exits 1', () => {
    const { code, stderr, result } = simulateJson('examples/changes/refused.yaml');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const [tighten, memberInvite, plusInvite, scheduledRunOnly, removeCreator] = result.results;
    expect(tighten).toMatchObject({ action: 'set', decision: 'allow', effects: { applied: true } });
    expect(tighten!.resolved.map((f) => f.controlId)).toEqual(['SG-COLLAB-02']);
    expect(memberInvite).toMatchObject({ action: 'invite', decision: 'deny', platform: { allowed: false }, effects: { applied: false } });
    expect(rulesOf(memberInvite!)).toEqual(['PLT-INVITE-01:refuse']);
    expect(rulesOf(plusInvite!)).toEqual(['PLT-INVITE-03:refuse']);
    expect(rulesOf(scheduledRunOnly!)).toEqual(['PLT-SHARE-03:refuse']);
    expect(rulesOf(removeCreator!)).toEqual(['PLT-SHARE-02:refuse']);
    for (const r of [memberInvite, plusInvite, scheduledRunOnly, removeCreator]) expect(r!.introduced).toEqual([]);
  });

  it('a refused invite neither creates the invitee nor blocks a later invite of the same address (issue 15)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-sim-reinvite-'));
    const file = path.join(dir, 'changes.yaml');
    fs.writeFileSync(
      file,
      [
        'schemaVersion: 1',
        'changes:',
        '  - { action: set, path: externalCollaboration.allowInvitesFrom, value: adminsAndGuestInviters }',
        '  - { action: invite, actor: lee.gu@contoso.com, email: bob@fabrikam.com }',
        '  - { action: invite, actor: isaiah.langer@contoso.com, email: bob@fabrikam.com }',
        '  - { action: invite, actor: isaiah.langer@contoso.com, email: BOB@fabrikam.com }',
        '  - { action: invite, actor: isaiah.langer@contoso.com, email: lee.gu@contoso.com }',
        '',
      ].join('\n'),
    );
    const { stderr, result } = simulateJson(file);
    expect(stderr).toBe('');
    const [tighten, refused, allowed, again, member] = result.results;
    expect(tighten).toMatchObject({ action: 'set', decision: 'allow', effects: { applied: true } });
    expect(refused).toMatchObject({ decision: 'deny', effects: { applied: false } });
    expect(rulesOf(refused!)).toEqual(['PLT-INVITE-01:refuse']);
    expect(allowed).toMatchObject({ platform: { allowed: true }, effects: { applied: true, user: { userPrincipalName: 'bob_fabrikam.com#EXT#@contoso.onmicrosoft.com' } } });
    expect(rulesOf(allowed!)).toEqual(['PLT-INVITE-05:effect']);
    // Bob now exists: Entra sends the invitation again and creates nothing.
    expect(again).toMatchObject({ platform: { allowed: true }, effects: { applied: false } });
    expect(rulesOf(again!)).toEqual(['PLT-INVITE-07:effect']);
    // A member's address is refused with Microsoft's reason.
    expect(member).toMatchObject({ decision: 'deny', platform: { allowed: false } });
    expect(member!.platform.rules.find((r) => r.id === 'PLT-INVITE-07')?.message).toMatch(/already a member of the directory/);
  });

  it('creates the invited guest as the platform would, then judges what sharing a flow with it introduces', () => {
    const { code, result } = simulateJson('examples/changes/onboard-vendor.yaml');
    const [invite, redeem, share] = result.results;
    expect(invite!.effects.user).toMatchObject({
      userPrincipalName: 'anna.schmidt_adventure-works.com#EXT#@contoso.onmicrosoft.com',
      userType: 'Guest',
      externalUserState: 'PendingAcceptance',
      identities: [{ issuer: 'contoso.onmicrosoft.com' }],
    });
    expect(redeem!.effects.user).toMatchObject({ externalUserState: 'Accepted', identities: [{ issuer: 'ExternalAzureAD' }] });
    expect(share!.introduced.map((f) => [f.controlId, f.principal?.id])).toEqual([['SG-FLOW-03', 'sim-invite-0']]);
    expect(share!.decision).toBe('deny'); // critical ≥ the default --fail-on high
    expect(code).toBe(1);
  });

  it('--fail-on decides which introduced findings deny a change', () => {
    const strict = simulateJson('examples/changes/risky-pr.yaml').result.results.map((r) => r.decision);
    const lenient = simulateJson('examples/changes/risky-pr.yaml', ['--fail-on', 'critical']).result.results.map((r) => r.decision);
    expect(strict).toContain('deny');
    expect(lenient).not.toContain('deny');
    expect(lenient).toContain('warn');
  });

  it('never writes the export and prints a readable text report', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sim-'));
    fs.cpSync(path.join(ROOT, EXAMPLE), dir, { recursive: true });
    const before = fs.readFileSync(path.join(dir, 'groups/groups.yaml'), 'utf8');
    const r = runCli(['simulate', 'examples/changes/onboard-vendor.yaml', '--tenant', dir, '--as-of', AS_OF]);
    expect(r.stdout).toMatch(/^ALLOW {2}change 0 \(invite\)/m);
    expect(r.stdout).toMatch(/creates anna\.schmidt_adventure-works\.com#EXT#@contoso\.onmicrosoft\.com/);
    expect(r.stdout).toMatch(/^DENY {2}change 2 \(share-flow\)/m);
    expect(r.stdout).toMatch(/3 change\(s\): 1 deny, 0 warn, 2 allow/);
    expect(fs.readFileSync(path.join(dir, 'groups/groups.yaml'), 'utf8')).toBe(before);
  });

  it('a bad change file is exit 2 naming the change', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sim-'));
    fs.writeFileSync(path.join(dir, 'c.yaml'), 'schemaVersion: 1\nchanges:\n  - action: share-flow\n    actor: lee.gu@contoso.com\n    flow: No Such Flow\n    principal: diego.siciliani@contoso.com\n    role: owner\n');
    const r = runCli(['simulate', path.join(dir, 'c.yaml'), '--tenant', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/c\.yaml:5:\d+: change 0 \(share-flow\).*No Such Flow/);
    expect(r.stdout).toBe('');
  });

  it('the invite shortcut: the invitation is created but the group with guest access off is refused', () => {
    const r = runCli(['simulate', '--tenant', EXAMPLE, '--as-of', AS_OF, '-o', 'json', 'invite', '--as', 'lee.gu@contoso.com', '--email', 'ana@fabrikam.com', '--group', 'Finance Team']);
    expect(r.code).toBe(1);
    const [invite] = (JSON.parse(r.stdout) as SimulationResult).results;
    expect(invite).toMatchObject({ action: 'invite', decision: 'deny', platform: { allowed: false }, effects: { applied: true, groups: [] } });
    expect(rulesOf(invite!)).toEqual(['PLT-GROUP-01:refuse', 'PLT-INVITE-05:effect']);
    expect(invite!.effects.user?.userPrincipalName).toBe('ana_fabrikam.com#EXT#@contoso.onmicrosoft.com');
  });

  it('the share shortcut: an external copy warns and introduces SG-FLOW-08', () => {
    const r = runCli(['simulate', '--tenant', EXAMPLE, '--as-of', AS_OF, '-o', 'json', 'share', '--as', 'pradeep.gupta@contoso.com', '--flow', 'Expense Approval', '--with', 'sam.taylor@gmail.com', '--role', 'copy']);
    expect(r.code).toBe(0);
    const [share] = (JSON.parse(r.stdout) as SimulationResult).results;
    expect(share!.decision).toBe('warn');
    expect(rulesOf(share!)).toEqual(['PLT-SHARE-06:warn']);
    expect(share!.introduced.map((f) => f.controlId)).toEqual(['SG-FLOW-08']);
  });

  it('simulate with neither a change file nor a shortcut is a usage error', () => {
    const r = runCli(['simulate', '--tenant', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a change file/);
  });
});

describe('shareguard simulate on a partial export', () => {
  it('says which sections the export lacks and which controls therefore judged nothing there', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-sim-partial-')), 'contoso');
    fs.cpSync(path.join(ROOT, EXAMPLE), dir, { recursive: true });
    fs.rmSync(path.join(dir, 'power-platform'), { recursive: true });
    const args = ['simulate', 'invite', '--tenant', dir, '--as', 'amara.okonkwo@contoso.com', '--email', 'li.wu@northwindtraders.com', '--as-of', AS_OF];
    const json = runCli([...args, '--output', 'json']);
    const result = JSON.parse(json.stdout) as SimulationResult;
    expect(result.notEvaluated.map((n) => n.section).sort()).toEqual(['apps', 'dlpPolicies', 'environments', 'flows']);
    expect(result.notEvaluated.find((n) => n.section === 'flows')?.controls).toContain('SG-FLOW-01');
    // The same as a scan of that export reports for absent sections (the policies' own lib.sections_not_evaluated).
    const scan = JSON.parse(runCli(['scan', dir, '--as-of', AS_OF, '--output', 'json']).stdout) as { summary: { notEvaluated: SimulationResult['notEvaluated'] } };
    expect(result.notEvaluated).toEqual(scan.summary.notEvaluated.filter((n) => n.reason === 'section absent from the export'));
    const text = runCli(args).stdout;
    expect(text).toMatch(/^Not evaluated \(what this export lacks, so no change was judged there\)$/m);
    expect(text).toMatch(/^ {2}flows \(SG-DLP-02, SG-FLOW-01, .*\): section absent from the export$/m);
  });

  it('reports nothing as not evaluated on the full example', () => {
    const r = runCli(['simulate', 'invite', '--tenant', EXAMPLE, '--as', 'amara.okonkwo@contoso.com', '--email', 'li.wu@northwindtraders.com', '--as-of', AS_OF, '--output', 'json']);
    expect((JSON.parse(r.stdout) as SimulationResult).notEvaluated).toEqual([]);
  });
});
