import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/findings/types.js';
import { formatJson, formatJsonChunks, jsonChunks } from '../../../src/format/json.js';
import { forJson, forScriptJson } from '../../../src/format/neutralise.js';
import { formatSarif, formatSarifChunks } from '../../../src/format/sarif.js';
import { asCompared, asDiff, contosoResult } from '../../helpers/results.js';

let contoso: ScanResult;
beforeAll(async () => {
  contoso = await contosoResult();
});

/** A result with `n` findings, copies of Contoso's with distinct fingerprints (and a hostile name in each tenth). */
function manyFindings(base: ScanResult, n: number): ScanResult {
  const findings = Array.from({ length: n }, (_, i) => {
    const f = structuredClone(base.findings[i % base.findings.length]!);
    f.fingerprint = `${f.fingerprint}-${i}`;
    if (i % 10 === 0) f.resource.displayName = `Eve \u202Eexe.txt ##[error] \u0085 </script>`;
    return f;
  });
  return { ...base, findings };
}

describe('json format, written in pieces', () => {
  it('the pieces join to exactly forJson(result, 2) and a newline, for a scan, a diff and a comparison', () => {
    for (const r of [contoso, asDiff(contoso), asCompared(asDiff(contoso))]) {
      const expected = `${forJson(r, 2)}\n`;
      expect([...formatJsonChunks(r, { color: false })].join('')).toBe(expected);
      expect(formatJson(r, { color: false })).toBe(expected);
    }
  });

  it('many findings come in many pieces of bounded size, none the whole document', () => {
    const r = manyFindings(contoso, 5000);
    const pieces = [...formatJsonChunks(r, { color: false })];
    const whole = pieces.join('');
    expect(whole).toBe(`${forJson(r, 2)}\n`);
    expect(pieces.length).toBeGreaterThan(20);
    // One piece is at most the 64 Ki threshold plus the last thing added (one finding, a few KB).
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(65536 + 16384);
    expect(whole).not.toContain('##[');
    expect(whole).not.toMatch(/[\u0085\u202E]/);
  });

  it('sarif: the pieces join to the same log, and many results make many pieces', () => {
    const r = manyFindings(asDiff(contoso), 3000);
    const pieces = [...formatSarifChunks(r, { color: false })];
    expect(pieces.join('')).toBe(formatSarif(r, { color: false }));
    expect(pieces.length).toBeGreaterThan(10);
    expect(JSON.parse(pieces.join('')).runs[0].results).toHaveLength(3000 + (r.baseline?.resolved.length ?? 0));
  });

  it('jsonChunks matches JSON.stringify on any JSON value, with and without indentation, at any streaming depth', () => {
    // Arrays and objects mixed with undefined members and holes, which JSON.stringify drops or writes as null.
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(
      fc.property(value, fc.constantFrom(undefined, 2, 4), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 64 }), (v, space, objectDepth, chunkSize) => {
        if (v === undefined) return;
        expect([...jsonChunks(v, { space, encode: forJson, objectDepth, chunkSize })].join('')).toBe(forJson(v, space));
        expect([...jsonChunks(v, { encode: (x) => forScriptJson(x), objectDepth, chunkSize })].join('')).toBe(forScriptJson(v));
      }),
      { numRuns: 400 },
    );
  });

  it('values encoded whole below the streamed depth are re-indented to where they stand', () => {
    const v = { a: [{ b: [1, 2] }, { c: { d: 'x' } }] };
    // objectDepth 0 streams the top object and its array; the array's elements are encoded at indentation zero.
    const text = [...jsonChunks(v, { space: 2, encode: forJson, objectDepth: 0 })].join('');
    expect(text).toBe('{\n  "a": [\n    {\n      "b": [\n        1,\n        2\n      ]\n    },\n    {\n      "c": {\n        "d": "x"\n      }\n    }\n  ]\n}');
  });
});
