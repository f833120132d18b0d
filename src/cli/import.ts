import { Command } from 'commander';
import { importExport, importSummary } from '../import/index.js';
import { writeFolderAtomically } from '../import/write-export.js';
import { returning } from './exit.js';

interface ImportFlags {
  out: string;
}

/** `shareguard import DIR --out EXPORT_DIR`: raw Microsoft responses (or a ScubaGear export) → a schema-v1 export. */
export function importCommand(): Command {
  return new Command('import')
    .description('convert saved Microsoft Graph / Power Platform responses (or a ScubaGear provider export) into an export')
    .argument('<input>', 'a folder of raw responses in the collect layout (see docs/import.md), or ProviderSettingsExport.json')
    .requiredOption('--out <dir>', 'the export folder to write (written whole or not at all; never inside <input>)')
    .addHelpText(
      'after',
      `
Examples:
  $ shareguard import saved-responses/ --out export/
  $ shareguard import ScubaResults/ProviderSettingsExport.json --out export/
  $ shareguard scan export/

A missing raw file means that section was not collected: the export records it under collection.missing and
a scan reports it as not evaluated. Raw files that disagree are reported as warnings (collection.warnings, at
the raw file and line), and files the import did not read are listed as ignored.
Exit codes: 0 written; 2 bad input or usage, invalid JSON anywhere in the folder, or nothing a control can use
(nothing written).`,
    )
    .action(returning((input: string, flags: ImportFlags) => {
      const result = importExport(input);
      writeFolderAtomically(flags.out, result.files, [input]);
      const kind = result.kind === 'scubagear' ? 'ScubaGear provider export' : 'raw responses';
      process.stdout.write(importSummary(`imported ${input} (${kind}) into ${flags.out}`, result.imported));
      return 0;
    }));
}
