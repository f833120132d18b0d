import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * The file and folder paths a Markdown page names in code spans: a span with a '/' and no spaces, placeholders
 * (`<area>`), globs or URLs. `policies/controls/<area>/<name>/` is a pattern, not a path: skipped.
 */
export function namedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string);
  return [...new Set(spans.filter((s) => /^[\w.-]+\/[\w./-]*$/.test(s) && !s.includes('://')))];
}

describe('docs/architecture.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');

  it('names only paths that exist', () => {
    const paths = namedPaths(doc);
    // 51 at the time of writing: a pattern that matched nothing would check nothing.
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((p) => !fs.existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  it('picks paths out of code spans and leaves commands and patterns alone (the check can fail)', () => {
    const sample = 'see `src/cli/main.ts`, `src/nowhere.ts`, `policies/controls/<area>/<name>/`, `npm run docs:build`, `--fail-on`, `https://x.example/a`';
    expect(namedPaths(sample)).toEqual(['src/cli/main.ts', 'src/nowhere.ts']);
  });
});
