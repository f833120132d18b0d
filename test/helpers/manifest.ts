import fs from 'node:fs';
import path from 'node:path';
import type { BundleManifest, ControlMetadata } from '../../src/engine/bundle.js';

/**
 * The built-in controls as the committed bundle lists them (bundle/manifest.json, written by
 * `npm run policies:build` from each control's METADATA). Tests take the number and the ids of the controls
 * from here, so that adding a control is its folder and the example that makes it fire, not an edit of every
 * test that counts them.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
export const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'bundle/manifest.json'), 'utf8')) as BundleManifest;
export const BUILTIN_CONTROLS: readonly ControlMetadata[] = MANIFEST.controls;
export const CONTROL_COUNT = BUILTIN_CONTROLS.length;
export const CONTROL_IDS: readonly string[] = BUILTIN_CONTROLS.map((c) => c.id);

// A manifest that lost its controls would make every count in the tests agree with nothing being checked.
if (CONTROL_COUNT < 10) throw new Error(`bundle/manifest.json lists ${CONTROL_COUNT} controls: run npm run policies:build`);
