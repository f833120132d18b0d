import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../../src/errors.js';
import type { AppliedWaiver } from '../../../src/findings/types.js';
import { readBuiltinBundle } from '../../../src/engine/bundle.js';
import { applyWaivers } from '../../../src/waivers/apply.js';
import { findWaivers, loadWaivers, type WaiverFile } from '../../../src/waivers/load.js';
import { idPattern } from '../../../src/waivers/match.js';
import { ROOT } from '../../helpers/cli.js';
import { finding, result } from './fixtures.js';

const waiver = (over: Partial<AppliedWaiver> = {}): AppliedWaiver => ({
  controlId: 'SG-FLOW-01',
  resource: 'f1',
  reason: 'Contracted maintainer',
  owner: 'isaiah.langer@contoso.com',
  expires: '2026-12-31',
  ...over,
});
const file = (...waivers: AppliedWaiver[]): WaiverFile => ({ source: 'waivers.yaml', waivers });

describe('idPattern', () => {
  it('matches the whole id, * standing for any run of characters, ignoring case', () => {
    expect(idPattern('Default-*')('default-e0301ced-7639')).toBe(true);
    expect(idPattern('Default-*')('xDefault-1')).toBe(false);
    expect(idPattern('*-42')('flow-42')).toBe(true);
    expect(idPattern('*-42')('flow-421')).toBe(false);
    expect(idPattern('abc')('ABC')).toBe(true);
    expect(idPattern('abc')('abcd')).toBe(false);
    expect(idPattern('*')('anything at all')).toBe(true);
  });

  it('takes every other character literally', () => {
    expect(idPattern('a.b')('axb')).toBe(false);
    expect(idPattern('a.b')('a.b')).toBe(true);
    expect(idPattern('(x|y)+')('(x|y)+')).toBe(true);
    expect(idPattern('(x|y)+')('x')).toBe(false);
  });
});

describe('applyWaivers', () => {
  const f1 = finding('SG-FLOW-01', 'f1', 'u1');
  const f1b = finding('SG-FLOW-01', 'f1', 'u2');
  const other = finding('SG-FLOW-02', 'f1');

  it('attaches the waiver to each finding it covers, same control and resource, and counts them', () => {
    const out = applyWaivers(result([f1, f1b, other]), file(waiver()));
    expect(out.findings.map((f) => f.waiver?.owner)).toEqual(['isaiah.langer@contoso.com', 'isaiah.langer@contoso.com', undefined]);
    expect(out.waivers).toEqual({ source: 'waivers.yaml', applied: 2, problems: [] });
  });

  it('with a principal, covers only findings naming that principal', () => {
    const out = applyWaivers(result([f1, f1b]), file(waiver({ principal: 'u2' })));
    expect(out.findings.map((f) => Boolean(f.waiver))).toEqual([false, true]);
    expect(applyWaivers(result([other]), file(waiver({ controlId: 'SG-FLOW-02', principal: '*' }))).findings[0]?.waiver).toBeUndefined();
  });

  it('applies through its expiry day and is expired from the next, judged on the result\'s as-of', () => {
    const onTheDay = applyWaivers(result([f1], '2026-12-31T23:59:59.000Z'), file(waiver()));
    expect(onTheDay.findings[0]?.waiver).toBeDefined();
    expect(onTheDay.waivers?.problems).toEqual([]);
    const after = applyWaivers(result([f1], '2027-01-01T00:00:00.000Z'), file(waiver()));
    expect(after.findings[0]?.waiver).toBeUndefined();
    expect(after.waivers?.applied).toBe(0);
    expect(after.waivers?.problems).toEqual([
      { kind: 'expired', waiver: waiver(), message: expect.stringMatching(/expired on 2026-12-31; 1 finding\(s\) it covered count again/) },
    ]);
  });

  it('reports a waiver in force that covers nothing as stale, and an expired one that covers nothing as expired', () => {
    const stale = waiver({ resource: 'gone' });
    const old = waiver({ resource: 'gone-too', expires: '2026-01-31' });
    const out = applyWaivers(result([f1]), file(stale, old));
    expect(out.waivers?.problems.map((p) => [p.kind, p.waiver.resource])).toEqual([
      ['stale', 'gone'],
      ['expired', 'gone-too'],
    ]);
    expect(out.waivers?.problems[1]?.message).toMatch(/matches no finding any more/);
  });

  it('gives a finding covered twice the first waiver; neither is stale', () => {
    const first = waiver({ owner: 'first@contoso.com' });
    const second = waiver({ resource: 'f*', owner: 'second@contoso.com' });
    const out = applyWaivers(result([f1]), file(first, second));
    expect(out.findings[0]?.waiver?.owner).toBe('first@contoso.com');
    expect(out.waivers).toMatchObject({ applied: 1, problems: [] });
  });

  it('an expired waiver renewed by a later entry: the later one applies, the old one is reported expired', () => {
    const out = applyWaivers(result([f1]), file(waiver({ expires: '2026-06-30' }), waiver({ expires: '2027-06-30', owner: 'renewed@contoso.com' })));
    expect(out.findings[0]?.waiver?.owner).toBe('renewed@contoso.com');
    expect(out.waivers?.problems.map((p) => p.kind)).toEqual(['expired']);
    expect(out.waivers?.problems[0]?.message).toMatch(/expired on 2026-06-30; another waiver covers its finding\(s\): remove it$/);
  });
});

describe('loading a waivers file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-waivers-'));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const controls = readBuiltinBundle().manifest.controls.map((c) => c.id);
  const errorsOf = (f: string): string[] => {
    try {
      loadWaivers(f, controls);
    } catch (e) {
      if (e instanceof InputErrors) return e.errors.map((x) => x.message);
      if (e instanceof InputError) return [e.message];
      throw e;
    }
    throw new Error('expected an input error');
  };
  const one = 'schemaVersion: 1\nwaivers:\n  - control: SG-FLOW-01\n    resource: f1\n    reason: Contracted maintainer\n    owner: isaiah.langer@contoso.com\n    expires: 2026-12-31\n';

  it('reads waivers with where each is written; an unquoted date is a date string', () => {
    const f = write('ok.yaml', one);
    expect(loadWaivers(f, controls)).toEqual({ source: f, waivers: [waiver({ location: { file: f, line: 3, column: 5 } })] });
  });

  it('the example waivers file is valid against the built-in controls', () => {
    const example = loadWaivers(path.join(ROOT, 'examples/waivers.yaml'), controls);
    expect(example.waivers.length).toBeGreaterThanOrEqual(5);
    expect(example.waivers.every((w) => w.owner && w.reason && /^\d{4}-\d{2}-\d{2}$/.test(w.expires))).toBe(true);
  });

  it('malformed YAML is an error at file:line:column', () => {
    const f = write('bad.yaml', 'schemaVersion: 1\nwaivers:\n  - control: SG-FLOW-01\n    resource: [f1\n');
    expect(errorsOf(f)).toEqual([expect.stringMatching(new RegExp(`^${escape(f)}:5:1: invalid YAML`))]);
  });

  it('schema violations are reported together, each at its line: empty reason, impossible date, unknown key', () => {
    const f = write('schema.yaml', one.replace('Contracted maintainer', '""').replace('2026-12-31', '2026-02-30') + '    ticket: SEC-1\n');
    expect(errorsOf(f)).toEqual([
      `${f}:5:13: waivers[0].reason must not be empty`,
      `${f}:7:14: waivers[0].expires must be a date YYYY-MM-DD, e.g. 2027-03-31 (got "2026-02-30")`,
      `${f}:8:5: waivers[0] has unknown property "ticket"`,
    ]);
    const missing = write('missing.yaml', 'schemaVersion: 1\nwaivers:\n  - control: SG-FLOW-01\n    resource: f1\n');
    expect(errorsOf(missing)).toContain(`${missing}:3:5: waivers[0] is missing required property "owner"`);
  });

  it('a control id that no control has is an error at the id (it could only ever be stale)', () => {
    const f = write('unknown.yaml', one.replace('SG-FLOW-01', 'SG-FLOW-99'));
    expect(errorsOf(f)).toEqual([`${f}:3:14: waivers[0].control "SG-FLOW-99" is not a shareguard control (see \`shareguard controls\`)`]);
  });

  it('a file of another tool is refused in one line, not a screenful of schema errors', () => {
    const f = write('workflow.yaml', 'name: CI\non: push\njobs:\n  gate: {}\n');
    expect(errorsOf(f)).toEqual([`${f}:1:1: not a shareguard waivers file (it has "name", "on", "jobs" and no waivers list); a waivers file has schemaVersion: 1 and a waivers list`]);
    expect(errorsOf(write('empty.yaml', '# nothing yet\n'))[0]).toMatch(/:1:1: the file is empty, not shareguard waivers/);
  });

  it('a newer schemaVersion is refused at the version; a missing one is a schema error', () => {
    const f = write('v2.yaml', 'schemaVersion: 2\nwaivers: []\n');
    expect(errorsOf(f)).toEqual([`${f}:1:16: waivers file schemaVersion 2 is newer than this version of shareguard reads (1); upgrade shareguard`]);
    const none = write('none.yaml', 'waivers: []\n');
    expect(errorsOf(none)).toEqual([`${none}:1:1: the waivers file is missing required property "schemaVersion"`]);
  });

  it('is found at .shareguard/waivers.yaml by default, and a named file must exist', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-cwd-'));
    expect(findWaivers(undefined, cwd)).toBeUndefined();
    fs.mkdirSync(path.join(cwd, '.shareguard'));
    fs.writeFileSync(path.join(cwd, '.shareguard', 'waivers.yaml'), one);
    expect(findWaivers(undefined, cwd)).toBe(path.join('.shareguard', 'waivers.yaml'));
    expect(() => findWaivers('ci/waivers.yaml', cwd)).toThrow(/--waivers ci\/waivers\.yaml: no such file/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
