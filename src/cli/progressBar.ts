import type { CliOutput } from './CliContext';

/**
 * A one-line progress bar for batches of files, redrawn at most every 100 ms on a terminal and
 * silent otherwise (logs and pipes get the summary line only).
 */
export class ProgressBar {
  private done = 0;
  private failed = 0;
  private lastDraw = 0;
  private readonly started = performance.now();

  constructor(
    private readonly out: CliOutput,
    private readonly total: number,
    private readonly verb: string,
  ) {}

  /** One more item finished (ok or not); `name` is shown as the latest. */
  tick(ok: boolean, name: string): void {
    this.done++;
    if (!ok) this.failed++;
    const now = performance.now();
    if (this.out.isTTY && (now - this.lastDraw > 100 || this.done === this.total)) {
      this.lastDraw = now;
      this.draw(name);
    }
  }

  /** Prints a message on its own line without breaking the bar. */
  log(text: string): void {
    if (this.out.isTTY && this.done > 0 && this.done < this.total) this.out.write('\r\x1b[2K');
    this.out.write(`${text}\n`);
  }

  /** Removes the bar; returns elapsed seconds. */
  finish(): number {
    if (this.out.isTTY && this.lastDraw > 0) this.out.write('\r\x1b[2K');
    return (performance.now() - this.started) / 1000;
  }

  private draw(name: string): void {
    const width = Math.max(10, Math.min(30, (this.out.columns || 80) - 50));
    const filled = Math.round((width * this.done) / Math.max(1, this.total));
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? (this.done / seconds).toFixed(1) : '–';
    const failed = this.failed ? `, ${this.failed} failed` : '';
    const line = `${this.verb} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total}${failed} ${rate}/s ${name}`;
    this.out.write(`\r\x1b[2K${line.slice(0, (this.out.columns || 80) - 1)}`);
  }
}
