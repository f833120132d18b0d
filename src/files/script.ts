import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built script `name` beside the module at `moduleUrl` (a worker thread's script: dist/engine/worker.js
 * beside dist/engine/pool.js). Run from the TypeScript sources (vitest), the module is under src/ and the
 * script is taken from the same place under dist/ (npm run build); undefined when neither exists.
 */
export function builtScript(moduleUrl: string, name: string): string | undefined {
  const here = fileURLToPath(new URL(`./${name}`, moduleUrl));
  if (fs.existsSync(here)) return here;
  const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const relative = path.relative(path.join(root, 'src'), here);
  if (relative.startsWith('..')) return undefined;
  const built = path.join(root, 'dist', relative);
  return fs.existsSync(built) ? built : undefined;
}
