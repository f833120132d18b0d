#!/usr/bin/env node
// Generates what is derived from the controls' METADATA (bundle/manifest.json):
//   docs/controls.md and schemas/config.schema.json;
// and from schemas/data-tenant.schema.json (the one description of data.tenant): the data.tenant table of
//   docs/policy-input.md, between its two "data.tenant table" marker comments (the rest of that page is prose).
//   build  write them        check  fail when the committed ones differ (npm test runs it)
// Needs the TypeScript build (dist/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { controlsMarkdown } = await import(path.join(root, 'dist/docs/controls-markdown.js'));
const { buildConfigSchema } = await import(path.join(root, 'dist/config/schema.js'));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'bundle/manifest.json'), 'utf8'));

const POLICY_INPUT = 'docs/policy-input.md';
const TABLE_START = '<!-- data.tenant table: generated from schemas/data-tenant.schema.json by `npm run docs:build`; edit the schema\'s descriptions, not the table -->';
const TABLE_END = '<!-- end of the data.tenant table -->';

/** One row per top-level key of data.tenant (the index one per index), from the schema's descriptions. */
function dataTenantTable(schema) {
  const cell = (text) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  const rows = [];
  for (const [key, property] of Object.entries(schema.properties)) {
    if (key === 'index') {
      for (const [name, entry] of Object.entries(property.properties)) rows.push([`index.${name}`, entry.description]);
    } else if (key === 'sections') {
      rows.push([key, `${property.description}: ${Object.keys(property.properties).map((s) => `\`${s}\``).join(', ')}`]);
    } else rows.push([key, property.description]);
  }
  const missing = rows.filter(([, description]) => !description).map(([key]) => key);
  if (missing.length > 0) throw new Error(`schemas/data-tenant.schema.json: no description for ${missing.join(', ')}`);
  return ['| path | what it holds |', '|---|---|', ...rows.map(([key, description]) => `| \`${key}\` | ${cell(description)} |`)].join('\n');
}

/** docs/policy-input.md with its data.tenant table regenerated. */
function policyInput() {
  const text = fs.readFileSync(path.join(root, POLICY_INPUT), 'utf8');
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    console.error(`docs: ${POLICY_INPUT} lacks the data.tenant table's marker comments:\n${TABLE_START}\n${TABLE_END}`);
    process.exit(1);
  }
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/data-tenant.schema.json'), 'utf8'));
  return `${text.slice(0, start)}${TABLE_START}\n\n${dataTenantTable(schema)}\n\n${text.slice(end)}`;
}

const outputs = {
  'docs/controls.md': controlsMarkdown(manifest.controls),
  'schemas/config.schema.json': `${JSON.stringify(buildConfigSchema(manifest.controls, { forEditors: true }), null, 2)}\n`,
  [POLICY_INPUT]: policyInput(),
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
    console.error(`docs: ${stale.join(', ')} out of date with the controls' METADATA or schemas/data-tenant.schema.json: run \`npm run docs:build\` and commit`);
    process.exit(1);
  }
  console.log(`docs: ${Object.keys(outputs).join(', ')} up to date`);
} else {
  console.error('usage: node scripts/docs.mjs build|check');
  process.exit(2);
}
