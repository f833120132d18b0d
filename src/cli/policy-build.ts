import fs from 'node:fs';
import path from 'node:path';
import { forTextLines } from '../format/neutralise.js';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { writeFileAtomically } from '../write/safe-write.js';
import { compileCustomBundle } from '../policy/load.js';
import { returning } from './exit.js';

interface BuildFlags {
  out: string;
  builtin: boolean;
  cacheDir?: string;
}

/** `shareguard policy build DIR... -o FILE`: the bundle CI caches and passes to scan --bundle (no opa needed there). */
export function policyBuildCommand(): Command {
  return new Command('build')
    .description('compile policy directories (with the built-in policies) into one bundle file for --bundle')
    .argument('<dirs...>', 'policy directories, as for scan --policy')
    .requiredOption('-o, --out <file>', 'the bundle file to write (e.g. policies.tar.gz)')
    .option('--no-builtin', 'leave the built-in controls out of the bundle')
    .option('--cache-dir <dir>', 'where compiled policies are cached (default: $XDG_CACHE_HOME/shareguard or ~/.cache/shareguard)')
    .addHelpText(
      'after',
      `
Examples:
  $ shareguard policy build policies -o policies.tar.gz
  $ shareguard scan exports/ --bundle policies.tar.gz

The file is the tarball of \`opa build -t wasm\` with shareguard's manifest added (the generated entrypoints
and every control's METADATA); it works with the shareguard version that wrote it.`,
    )
    .action(returning((dirs: string[], flags: BuildFlags) => {
      if (flags.out === '') throw new UsageError('--out needs a file name');
      const compiled = compileCustomBundle({
        policyDirs: dirs,
        builtin: flags.builtin,
        ...(flags.cacheDir !== undefined ? { cacheDir: flags.cacheDir } : {}),
        onWarning: (message) => process.stderr.write(`shareguard: warning: ${forTextLines([message])}\n`),
      });
      try {
        fs.mkdirSync(path.dirname(path.resolve(flags.out)), { recursive: true });
        writeFileAtomically(path.resolve(flags.out), fs.readFileSync(compiled.file));
      } catch (e) {
        throw new UsageError(`cannot write ${flags.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const manifest = compiled.bundle.manifest;
      const custom = manifest.controls.filter((c) => c.origin === 'custom').length;
      process.stdout.write(
        `Wrote ${flags.out}: ${custom} custom and ${manifest.controls.length - custom} built-in controls, opa ${manifest.opaVersion}${compiled.built ? '' : ' (from the cache)'}\n`,
      );
      return 0;
    }));
}
