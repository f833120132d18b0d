import fs from 'node:fs';

/** The package's own name and version, read from package.json beside dist/. */
export const TOOL: { name: string; version: string } = (() => {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
})();
