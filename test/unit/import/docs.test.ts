import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../../src/import/layout.js';

const DOC = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/import.md'), 'utf8');

describe('docs/import.md', () => {
  it('lists every raw file of the layout and the permission it needs', () => {
    for (const endpoint of Object.values(ENDPOINTS)) {
      const row = DOC.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${endpoint.file}.json\``));
      expect(row, endpoint.file).toBeDefined();
      const permission = endpoint.api === 'graph' ? endpoint.permission.split(' ')[0] : 'Power Platform admin';
      expect(row, endpoint.file).toContain(permission);
    }
  });
});
