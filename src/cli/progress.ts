import type { ScanPhase, ScanProgress } from '../scan.js';

/** What the progress line writes to: process.stderr, or a fake terminal in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  /** --quiet: never draw. */
  quiet?: boolean;
  /** Draw nothing until the scan has run this long (default 1 s): quick scans stay silent. */
  delayMs?: number;
  /** Redraw at most this often (default 100 ms). */
  intervalMs?: number;
  now?: () => number;
}

const CLEAR_TO_END = '\u001b[K';

/**
 * One line on a terminal's stderr saying how far a scan has got ("13 files read · 5,000 objects validated ·
 * evaluating controls 12/37"), rewritten in place and erased when the scan ends. It draws only on a TTY,
 * only without --quiet and only once the scan has taken longer than `delayMs`; the library reports progress
 * through its callbacks (onPhase, onProgress) and never prints.
 */
export class ProgressLine {
  private readonly enabled: boolean;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private prefix = '';
  private phase: ScanPhase | undefined;
  private counts: Partial<Record<ScanProgress['step'], { done: number; total: number; unit?: string }>> = {};

  constructor(
    private readonly stream: ProgressStream,
    options: ProgressOptions = {},
  ) {
    this.enabled = Boolean(stream.isTTY) && !options.quiet;
    this.delayMs = options.delayMs ?? 1000;
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? (() => Date.now());
    this.started = this.now();
  }

  /** The callbacks for one scan (ScanOptions); `label` names the export when a command scans two (diff). */
  callbacks(label?: string): { onPhase: (phase: ScanPhase) => void; onProgress: (progress: ScanProgress) => void } {
    return {
      onPhase: (phase) => {
        this.prefix = label ? `${label}: ` : '';
        if (phase === 'load') this.counts = {};
        this.phase = phase;
        this.draw();
      },
      onProgress: (progress) => {
        this.counts[progress.step] = { done: progress.done, total: progress.total, ...('unit' in progress && progress.unit ? { unit: progress.unit } : {}) };
        this.draw();
      },
    };
  }

  /** Erases the line, if one was drawn. Call it when the scan ends, however it ends, before printing anything. */
  done(): void {
    if (this.drawn) this.stream.write(`\r${CLEAR_TO_END}`);
    this.drawn = false;
  }

  /** The line as it stands, without terminal codes. */
  text(): string {
    const { read, validate, evaluate } = this.counts;
    const parts: string[] = [];
    if (read) parts.push(read.done < read.total ? `reading files ${n(read.done)}/${n(read.total)}` : `${n(read.total)} ${read.total === 1 ? 'file' : 'files'} read`);
    if (validate) parts.push(validate.done < validate.total ? `validating objects ${n(validate.done)}/${n(validate.total)}` : `${n(validate.total)} objects validated`);
    if (evaluate) parts.push(`evaluating ${evaluate.unit ?? 'controls'} ${evaluate.done}/${evaluate.total}`);
    else if (this.phase === 'engine' || this.phase === 'setData') parts.push('loading the policy engine');
    else if (this.phase === 'evaluate') parts.push('evaluating controls');
    else if (parts.length === 0) parts.push('reading the export');
    return `shareguard: ${this.prefix}${parts.join(' · ')}`;
  }

  private draw(): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.started < this.delayMs || t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    // One column short of the width: a line that reaches the last column wraps, and \r then rewrites only its tail.
    // A terminal that does not say its width (columns 0 or unset) is taken as 80 wide.
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    const line = this.text();
    this.stream.write(`\r${line.length > width ? `${line.slice(0, width - 1)}…` : line}${CLEAR_TO_END}`);
    this.drawn = true;
  }
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}
