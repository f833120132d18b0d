import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE, ROOT } from '../helpers/cli.js';

/**
 * Guest display names written to do harm where the report is shown: the example tenant copied to a temporary
 * directory, with the names of guests that findings name replaced. Each name keeps its guest in the findings
 * (only displayName changes), so every format shows it.
 */
export const HOSTILE = {
  /** A new line that is a workflow command: masks "secret" in the rest of the job log. */
  addMask: 'Kevin\n::add-mask::secret',
  /** A name that is itself a command: the runner would stop reading commands (the tool's own annotations). */
  stopCommands: '::stop-commands::x',
  /** OSC 0 sets the terminal title; CSI 2J clears the screen. */
  terminal: 'Daniel\u001b]0;pwned\u0007\u001b[2J',
  /** OSC 8: a hyperlink whose text hides where it goes. */
  link: 'Tariq \u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007',
  /** Right-to-left override: "Lucia exe.txt" shown as "Lucia txt.exe". */
  bidi: 'Lucia \u202Eexe.txt \u2066x\u2069',
  /** GitHub autolinks: an issue, a pull request, a mention, a commit, an e-mail address. */
  autolinks: 'Ravi GH-123 #45 @octocat deadbeef1 ravi@evil.example',
  /** The runner's older command form, read anywhere in a line. */
  legacyCommand: 'Marta ##[add-mask]Guest',
} as const;

const GUESTS: Record<keyof typeof HOSTILE, string> = {
  addMask: 'Kevin Murphy',
  stopCommands: 'Wei Chen',
  terminal: 'Daniel Okafor',
  link: 'Tariq Al-Mansouri',
  bidi: 'Lucia Romero',
  autolinks: 'Ravi Patel',
  legacyCommand: 'Marta Kowalska',
};

/** A copy of the example export with the hostile guest names; returns its directory. */
export function hostileTenant(names: Partial<Record<keyof typeof HOSTILE, string>> = HOSTILE): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-names-')), 'tenant');
  fs.cpSync(path.join(ROOT, EXAMPLE), dir, { recursive: true });
  const file = path.join(dir, 'users', 'guests.json');
  let text = fs.readFileSync(file, 'utf8');
  for (const [key, name] of Object.entries(names)) {
    const was = JSON.stringify(GUESTS[key as keyof typeof HOSTILE]);
    if (!text.includes(was)) throw new Error(`the example has no guest ${was}`);
    text = text.replace(was, JSON.stringify(name));
  }
  fs.writeFileSync(file, text);
  return dir;
}

/** The lines the GitHub Actions runner would read as workflow commands (actions/runner ActionCommand). */
export function commandLines(output: string): string[] {
  return output.split(/\r?\n/).filter((line) => line.trimStart().startsWith('::') || line.includes('##['));
}
