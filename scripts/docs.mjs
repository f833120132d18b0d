#!/usr/bin/env node
// Generates what is derived from the controls' METADATA (bundle/manifest.json):
//   docs/controls.md and schemas/config.schema.json.
//   build  write them        check  fail when the committed ones differ (npm test runs it)
// Needs the TypeScript build (dist/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { controlsMarkdown } = await import(path.join(root, 'dist/docs/controls-markdown.js'));
const { buildConfigSchema } = await import(path.join(root, 'dist/config/schema.js'));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'bundle/manifest.json'), 'utf8'));

const outputs = {
  'docs/controls.md': controlsMarkdown(manifest.controls),
  'schemas/config.schema.json': `${JSON.stringify(buildConfigSchema(manifest.controls, { forEditors: true }), null, 2)}\n`,
};

const command = process.argv[2];
if (command === 'build') {
  for (const [file, text] of Object.entries(outputs)) {
    const abs = path.join(root, file);
    fs.writeFileSync(`${abs}.tmp`, text);
    fs.renameSync(`${abs}.tmp`, abs);
    console.log(`docs: wrote ${file}`);
  }
} else if (command === 'check') {
  const stale = Object.entries(outputs)
    .filter(([file, text]) => !fs.existsSync(path.join(root, file)) || fs.readFileSync(path.join(root, file), 'utf8') !== text)
    .map(([file]) => file);
  if (stale.length > 0) {
    console.error(`docs: ${stale.join(', ')} out of date with the controls' METADATA: run \`npm run docs:build\` and commit`);
    process.exit(1);
  }
  console.log(`docs: ${Object.keys(outputs).join(', ')} up to date`);
} else {
  console.error('usage: node scripts/docs.mjs build|check');
  process.exit(2);
}
