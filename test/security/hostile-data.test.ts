import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli-async.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { startMicrosoftStandin } from '../helpers/microsoft-standin.js';

/**
 * Issue 14, attacks 4 and 8: ids in a server's responses never become paths outside the raw folder, and the
 * import follows no symbolic link out of the folder it reads.
 */
const RAW = path.join(ROOT, 'test/fixtures/import/contoso-raw');
const GRAPH_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-hostile.c2ln';
const PP_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.pp-hostile.c2ln';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shareguard-hostile-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Every path below `dir` (links listed, not followed). */
function tree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe('collect: a hostile server names a group "../../…/.vscode"', () => {
  it('refuses the id as a file name (exit 2) and writes nothing anywhere', async () => {
    const served = path.join(work, 'served');
    fs.cpSync(RAW, served, { recursive: true });
    const groupsFile = path.join(served, 'graph/v1.0/groups.json');
    const groups = JSON.parse(fs.readFileSync(groupsFile, 'utf8'));
    groups.value.push({ id: '../../../../planted/.vscode', displayName: 'Evil', groupTypes: [], securityEnabled: true, visibility: null });
    fs.writeFileSync(groupsFile, JSON.stringify(groups));
    const target = path.join(work, 'collect-run');
    fs.mkdirSync(target);
    const standin = await startMicrosoftStandin(served, { graphToken: GRAPH_TOKEN, powerPlatformToken: PP_TOKEN });
    try {
      const r = await runCliAsync(
        ['collect', '--out', path.join(target, 'export'), '--raw-out', path.join(target, 'a/b/raw'), '--graph-url', standin.url, '--powerplatform-url', standin.url],
        { SHAREGUARD_GRAPH_TOKEN: GRAPH_TOKEN, SHAREGUARD_POWERPLATFORM_TOKEN: PP_TOKEN },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the id "\.\.\/\.\.\/\.\.\/\.\.\/planted\/\.vscode" from the data is not a plain name/);
    } finally {
      await standin.close();
    }
    expect(tree(target)).toEqual([]);
    expect(fs.existsSync(path.join(work, 'planted'))).toBe(false);
  });
});

describe('import: symbolic links in the raw folder', () => {
  const secret = path.join(work, 'secret.json');
  fs.writeFileSync(secret, JSON.stringify({ value: [{ id: 'root:x:0:0:root:/root:/bin/bash' }] }));

  it('a response that is a link to a file outside is refused, and nothing of that file is printed', () => {
    const raw = path.join(work, 'raw-file-link');
    fs.cpSync(RAW, raw, { recursive: true });
    fs.rmSync(path.join(raw, 'graph/v1.0/subscribedSkus.json'));
    fs.symlinkSync(secret, path.join(raw, 'graph/v1.0/subscribedSkus.json'));
    const r = runCli(['import', raw, '--out', path.join(work, 'out-1')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/subscribedSkus\.json: a symbolic link; the import reads only files inside the raw folder/);
    expect(r.stderr + r.stdout).not.toContain('root:x:0:0');
    expect(fs.existsSync(path.join(work, 'out-1'))).toBe(false);
  });

  it('a folder of the layout that is a link to a folder outside is refused too', () => {
    const outside = path.join(work, 'outside-env');
    fs.mkdirSync(path.join(outside, 'v2'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'v2', 'flows.json'), JSON.stringify({ value: [] }));
    const raw = path.join(work, 'raw-dir-link');
    fs.cpSync(RAW, raw, { recursive: true });
    const envs = path.join(raw, 'powerplatform/flow/environments');
    const env = fs.readdirSync(envs)[0] as string;
    fs.rmSync(path.join(envs, env), { recursive: true });
    fs.symlinkSync(outside, path.join(envs, env));
    const r = runCli(['import', raw, '--out', path.join(work, 'out-2')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/symbolic link/);
  });

  it('a raw listing whose ids climb out of the folder is refused before anything is read there', () => {
    const raw = path.join(work, 'raw-climb');
    fs.cpSync(RAW, raw, { recursive: true });
    const groupsFile = path.join(raw, 'graph/v1.0/groups.json');
    const groups = JSON.parse(fs.readFileSync(groupsFile, 'utf8'));
    groups.value[0].id = '../../../../etc';
    fs.writeFileSync(groupsFile, JSON.stringify(groups));
    const r = runCli(['import', raw, '--out', path.join(work, 'out-3')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a plain name/);
  });
});
