import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../../src/errors.js';
import { PROJECT_OPA, findOpa, opaMissingMessage, pinnedOpaVersion, requireOpa } from '../../../src/policy/opa.js';

function binDir(files: Record<string, number>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-opa-unit-'));
  for (const [name, mode] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), '#!/bin/sh\n', { mode });
  return dir;
}

describe('finding opa', () => {
  it('takes SHAREGUARD_OPA first, then the first executable opa on PATH, then the project\'s .tools/bin/opa', () => {
    const a = binDir({ opa: 0o755 });
    const b = binDir({ opa: 0o755 });
    const explicit = path.join(binDir({ 'my-opa': 0o755 }), 'my-opa');
    expect(findOpa({ SHAREGUARD_OPA: explicit, PATH: a })).toBe(explicit);
    expect(findOpa({ PATH: [a, b].join(path.delimiter) })).toBe(path.join(a, 'opa'));
    const notExecutable = binDir({ opa: 0o644 });
    expect(findOpa({ PATH: [notExecutable, b].join(path.delimiter) })).toBe(path.join(b, 'opa'));
    expect(findOpa({ PATH: notExecutable, SHAREGUARD_OPA: '' })).toBe(fs.existsSync(PROJECT_OPA) ? PROJECT_OPA : undefined);
  });

  it('refuses a SHAREGUARD_OPA that is not an executable file', () => {
    expect(() => findOpa({ SHAREGUARD_OPA: '/no/such/opa' })).toThrow(/SHAREGUARD_OPA is set to \/no\/such\/opa, which is not an executable file/);
    expect(() => findOpa({ SHAREGUARD_OPA: binDir({}) })).toThrow(PolicyError);
  });

  it('says how to install opa, or to pass a bundle, when there is none', () => {
    const message = opaMissingMessage('Compiling the policies in policies');
    expect(message).toContain(`needs the opa CLI (version ${pinnedOpaVersion()})`);
    expect(message).toContain(`go install github.com/open-policy-agent/opa@v${pinnedOpaVersion()}`);
    expect(message).toContain('SHAREGUARD_OPA');
    expect(message).toContain('--bundle');
    if (!fs.existsSync(PROJECT_OPA)) expect(() => requireOpa('x', { PATH: binDir({}) })).toThrow(PolicyError);
  });
});
