/**
 * One progress line on a terminal (stderr), rewritten in place; nothing at all when stderr is not a terminal,
 * so logs and CI output stay clean.
 */
export class Progress {
  private saved = 0;
  private retries = 0;
  private last = 0;
  private readonly enabled: boolean;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY);
  }

  responseSaved(): void {
    this.saved += 1;
    this.draw();
  }

  retried(status: number | 'network', waitMs: number): void {
    this.retries += 1;
    this.draw(`throttled (${status}), waiting ${Math.ceil(waitMs / 1000)} s`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }

  private draw(extra?: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!extra && now - this.last < 100) return;
    this.last = now;
    const text = `collect: ${this.saved} response(s) saved${this.retries > 0 ? `, ${this.retries} retried` : ''}${extra ? `; ${extra}` : ''}`;
    this.stream.write(`\r\x1b[K${text.slice(0, (this.stream.columns ?? 80) - 1)}`);
  }
}
