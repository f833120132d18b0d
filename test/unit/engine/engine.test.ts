import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBuiltinBundle, readWasmFromBundle, tarEntries } from '../../../src/engine/bundle.js';
import { PolicyEngine, initialPages } from '../../../src/engine/engine.js';
import { ChunkPool, textOf, writeJson } from '../../../src/engine/task-text.js';
import { PolicyError } from '../../../src/errors.js';

describe('policy bundle', () => {
  it('reads policy.wasm out of the committed bundle as an ArrayBuffer', () => {
    const bundle = readBuiltinBundle();
    expect(bundle.wasm).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(bundle.wasm.slice(0, 4))).toEqual(new Uint8Array([0x00, 0x61, 0x73, 0x6d]));
    expect(bundle.manifest.controls.map((c) => c.id)).toContain('SG-FLOW-01');
  });

  it('agrees with tar about the entries of the bundle', () => {
    const tar = execFileSync('tar', ['-tzf', 'bundle/shareguard.tar.gz'], { encoding: 'utf8' }).trim().split('\n').sort();
    const ours = tarEntries(execFileSync('gzip', ['-dc', 'bundle/shareguard.tar.gz'], { maxBuffer: 64 * 1024 * 1024 })).map((e) => e.name).sort();
    expect(ours).toEqual(tar);
  });

  it('refuses a file that is not a bundle, or a bundle without policy.wasm', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bundle-'));
    const notGzip = path.join(dir, 'x.tar.gz');
    fs.writeFileSync(notGzip, 'hello');
    expect(() => readWasmFromBundle(notGzip)).toThrow(PolicyError);
    const empty = path.join(dir, 'empty.tar.gz');
    fs.writeFileSync(empty, gzipSync(Buffer.alloc(1024)));
    expect(() => readWasmFromBundle(empty)).toThrow(/no policy.wasm/);
  });
});

describe('PolicyEngine', () => {
  it('evaluates the built-in entrypoint against data set once, many times', async () => {
    const engine = await PolicyEngine.load(readBuiltinBundle());
    await engine.setData({ tenant: { sections: { externalCollaboration: true }, externalCollaboration: { guestUserAccess: 'sameAsMember' } } });
    for (let i = 0; i < 3; i++) {
      const result = engine.evaluate({ asOf: 1795996800 }) as { findings: { controlId: string }[] };
      expect(result.findings.map((f) => f.controlId)).toContain('SG-COLLAB-01');
    }
  });

  it('takes data as JSON text (setDataText) as it takes it as a value, non-ASCII text and patches after it included', async () => {
    const bundle = readBuiltinBundle();
    const data = {
      tenant: {
        sections: { users: true, externalCollaboration: true },
        externalCollaboration: { guestUserAccess: 'sameAsMember' },
        users: { u1: { id: 'u1', displayName: 'Łukasz Zoë 東京', userType: 'Guest', userPrincipalName: 'lz_fabrikam.com#EXT#@contoso.onmicrosoft.com', sponsors: [] } },
      },
    };
    const answers = [];
    for (const set of [(e: PolicyEngine) => e.setData(data), (e: PolicyEngine) => e.setDataText(writeJson(data)), (e: PolicyEngine) => e.setDataText(textOf(JSON.stringify(data), new ChunkPool(16)))]) {
      const engine = await PolicyEngine.load(bundle);
      await set(engine);
      engine.patchData([{ path: ['tenant', 'users', 'u2'], value: { id: 'u2', displayName: 'Ünal', userType: 'Guest', userPrincipalName: 'u_fabrikam.com#EXT#@contoso.onmicrosoft.com', sponsors: [] } }]);
      answers.push(JSON.stringify(engine.evaluate({ asOf: 1795996800 })));
    }
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
    expect(answers[0]).toContain('SG-COLLAB-01');
    expect(answers[0]).toContain('Łukasz Zoë 東京');
    expect(answers[0]).toContain('Ünal');
    const engine = await PolicyEngine.load(bundle);
    await expect(engine.setDataText(textOf('{"tenant": '))).rejects.toThrow(PolicyError);
  });

  it('turns a missing entrypoint into a PolicyError, never a clean result', async () => {
    const engine = await PolicyEngine.load(readBuiltinBundle());
    await engine.setData({ tenant: {} });
    expect(() => engine.evaluate({ asOf: 0 }, 'shareguard/nope')).toThrow(PolicyError);
  });

  it('evaluates one control through its own entrypoint', async () => {
    const bundle = readBuiltinBundle();
    const engine = await PolicyEngine.load(bundle);
    await engine.setData({ tenant: { sections: { externalCollaboration: true }, externalCollaboration: { guestUserAccess: 'sameAsMember' } } });
    const control = bundle.manifest.controls.find((c) => c.id === 'SG-COLLAB-01')!;
    const result = engine.evaluate({ asOf: 1795996800 }, control.entrypoint) as { findings: { controlId: string }[]; notEvaluated: unknown[] };
    expect(result.findings.map((f) => f.controlId)).toEqual(['SG-COLLAB-01']);
    expect(result.notEvaluated).toEqual([]);
    expect(bundle.manifest.controls.every((c) => c.entrypoint.startsWith('shareguard/entrypoints/'))).toBe(true);
  });

  it('sizes WASM memory for the data, within the 2 GiB opa-wasm can address', () => {
    expect(initialPages(0)).toBe(8192);
    expect(initialPages(50 * 1024 * 1024)).toBe(8192 + 12800);
    expect(initialPages(1024 * 1024 * 1024)).toBe(32768);
  });

  it('refuses to evaluate before data is set', async () => {
    const engine = await PolicyEngine.load(readBuiltinBundle());
    expect(() => engine.evaluate({ asOf: 0 })).toThrow(/before setData/);
  });

  it('reports a corrupt module as a PolicyError', async () => {
    const bundle = readBuiltinBundle();
    await expect(PolicyEngine.load({ ...bundle, wasm: new Uint8Array([0, 97, 115, 109, 9, 9]).buffer })).rejects.toThrow(PolicyError);
  });
});
