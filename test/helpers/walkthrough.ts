/**
 * The steps of a walkthrough written in Markdown, marked with HTML comments (invisible when rendered) right
 * before a fenced block:
 *   <!-- walkthrough: run -->            the sh block is run; it must exit 0
 *   <!-- walkthrough: run, exits N -->   … it must exit N
 *   <!-- walkthrough: write PATH -->     the block's text is written to PATH
 *   <!-- walkthrough: output -->         every line of the block appears in the previous run's stdout
 */
export type WalkthroughStep =
  | { kind: 'run'; script: string; exitCode: number; line: number }
  | { kind: 'write'; path: string; text: string; line: number }
  | { kind: 'output'; lines: string[]; line: number };

export function walkthroughSteps(markdown: string): WalkthroughStep[] {
  const lines = markdown.split('\n');
  const steps: WalkthroughStep[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const marker = /^<!-- walkthrough: (.+?) -->$/.exec(lines[i]!.trim());
    if (!marker) continue;
    const open = i + 1;
    if (!/^```/.test(lines[open] ?? '')) throw new Error(`line ${i + 1}: a walkthrough marker must be followed by a fenced block`);
    let close = open + 1;
    while (close < lines.length && lines[close] !== '```') close += 1;
    const body = lines.slice(open + 1, close).join('\n');
    const spec = marker[1]!;
    const run = /^run(?:, exits (\d+))?$/.exec(spec);
    const write = /^write (\S+)$/.exec(spec);
    if (run) steps.push({ kind: 'run', script: body, exitCode: Number(run[1] ?? 0), line: i + 1 });
    else if (write) steps.push({ kind: 'write', path: write[1]!, text: `${body}\n`, line: i + 1 });
    else if (spec === 'output') steps.push({ kind: 'output', lines: body.split('\n').filter((l) => l.trim() !== ''), line: i + 1 });
    else throw new Error(`line ${i + 1}: unknown walkthrough marker "${spec}"`);
    i = close;
  }
  return steps;
}
