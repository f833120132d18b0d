import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFiles } from '../../../src/import/write-export.js';
import { loadExport } from '../../../src/load/index.js';

const document = {
  schemaVersion: 1,
  tenant: { id: 't1', displayName: 'Contoso', initialDomain: 'contoso.onmicrosoft.com' },
  users: Array.from({ length: 5 }, (_, i) => ({ id: `u${i}`, userPrincipalName: `u${i}@contoso.com`, userType: 'Member' })),
  sharePoint: { sharingCapability: 'existingGuests' },
  sites: [{ id: 's1', url: 'https://contoso.sharepoint.com/sites/a', title: 'A' }],
};

describe('the files an import writes', () => {
  it('spread a long list over numbered files, settings in the first only', () => {
    const files = exportFiles(document, 2);
    expect([...files.keys()]).toEqual(['tenant.json', 'users-001.json', 'users-002.json', 'users-003.json', 'sharepoint.json']);
    expect(JSON.parse(files.get('users-003.json')!)).toEqual({ schemaVersion: 1, users: [document.users[4]] });
    expect(JSON.parse(files.get('sharepoint.json')!)).toEqual({ schemaVersion: 1, sharePoint: document.sharePoint, sites: document.sites });
  });

  it('read back as the same export', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-export-files-'));
    for (const [name, text] of exportFiles(document, 2)) fs.writeFileSync(path.join(dir, name), text);
    const merged = await loadExport([dir]);
    expect(merged.users?.map((u) => u.id)).toEqual(document.users.map((u) => u.id));
    expect(merged.sharePoint).toEqual(document.sharePoint);
    expect(merged.sites?.map((s) => s.id)).toEqual(['s1']);
  });
});
