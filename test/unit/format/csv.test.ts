import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/findings/types.js';
import { defuseFormula, formatCsv, quote } from '../../../src/format/csv.js';
import { expectGolden } from '../../helpers/golden.js';
import { asCompared, asDiff, contosoResult } from '../../helpers/results.js';

let contoso: ScanResult;

beforeAll(async () => {
  contoso = await contosoResult();
});

const csv = (result: ScanResult) => formatCsv(result, { color: false });

/** An RFC 4180 reader, written apart from the formatter, to read back what it wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), (i += 1);
      else (field += c), (i += 1);
    } else if (c === '"' && field === '') (quoted = true), (i += 1);
    else if (c === ',') row.push(field), (field = ''), (i += 1);
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    else if (c === '"' || c === '\r' || c === '\n') throw new Error(`bare ${JSON.stringify(c)} at ${i}: not RFC 4180`);
    else (field += c), (i += 1);
  }
  if (field !== '' || row.length > 0) throw new Error('last record does not end with CRLF');
  return rows;
}

const HEADER = 'controlId,severity,title,resourceKind,resourceId,resourceName,principalKind,principalId,principalName,message,file,line,column,fingerprint,status,waiverOwner,waiverExpires';

describe('csv format', () => {
  it('golden: the example as a diff with waivers (test/fixtures/golden/contoso.csv)', () => {
    expectGolden('contoso.csv', csv(asDiff(contoso)));
  });

  it('a header row, then one row per finding with the same number of fields, CRLF line ends', () => {
    const text = csv(contoso);
    expect(text.startsWith(`${HEADER}\r\n`)).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(contoso.findings.length + 1);
    for (const row of rows) expect(row).toHaveLength(17);
    const first = contoso.findings[0]!;
    expect(rows[1]!.slice(0, 6)).toEqual([first.controlId, first.severity, first.title, first.resource.kind, first.resource.id, first.resource.displayName]);
    expect(rows[1]![13]).toBe(first.fingerprint);
    expect(rows[1]![14]).toBe(''); // no comparison, no waiver: no status
  });

  it('status is waived, new or unchanged; waiver owner and expiry come with waived findings', () => {
    const diff = asDiff(contoso);
    const rows = parseCsv(csv(diff)).slice(1);
    const statuses = rows.map((r) => r[14]);
    expect(statuses.filter((s) => s === 'waived')).toHaveLength(4);
    expect(statuses.filter((s) => s === 'new')).toHaveLength(diff.findings.filter((f) => f.baselineState === 'new' && !f.waiver).length);
    const waived = rows.find((r) => r[14] === 'waived' && r[0] === 'SG-FLOW-01')!;
    expect(waived.slice(15)).toEqual(['isaiah.langer@contoso.com', '2027-03-31']);
    expect(parseCsv(csv(asCompared(contoso))).slice(1).filter((r) => r[14] === 'new')).toHaveLength(3);
  });

  it('quotes fields with quotes, commas, CR or LF (RFC 4180), and reads back exactly', () => {
    const r = structuredClone(contoso);
    const f = r.findings[0]!;
    f.message = 'He said "share it", then left,\r\nand\nagain\rend';
    f.resource.displayName = 'Flow, "the" one';
    const rows = parseCsv(csv(r));
    expect(rows[1]![9]).toBe(f.message);
    expect(rows[1]![5]).toBe(f.resource.displayName);
    expect(quote('plain')).toBe('plain');
    expect(quote('a,b')).toBe('"a,b"');
    expect(quote('say "hi"')).toBe('"say ""hi"""');
    expect(quote('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses formulas: text starting with = + - @ tab or CR gets a leading quote', () => {
    const r = structuredClone(contoso);
    const f = r.findings[0]!;
    f.resource.displayName = '=HYPERLINK("https://evil.example","click")';
    f.message = '+1 555 0100';
    f.title = '-2+3';
    f.principal = { kind: 'user', id: '@SUM(A1)', displayName: '\tcmd' };
    const row = parseCsv(csv(r))[1]!;
    expect(row[5]).toBe('\'=HYPERLINK("https://evil.example","click")');
    expect(row[9]).toBe("'+1 555 0100");
    expect(row[2]).toBe("'-2+3");
    expect(row[7]).toBe("'@SUM(A1)");
    expect(row[8]).toBe("'\tcmd");
    expect(defuseFormula('Contoso = good')).toBe('Contoso = good');
    expect(defuseFormula('\rx')).toBe("'\rx");
  });

  it('no findings: the header row alone', () => {
    const r = structuredClone(contoso);
    r.findings = [];
    expect(csv(r)).toBe(`${HEADER}\r\n`);
  });
});
