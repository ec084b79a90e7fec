import { Chart } from './Chart';

/**
 * A running job's box under a panel button: progress bar with the job's message, Cancel, the live
 * chart of `preview.chart` numbers, then the error or the result (the same look as the plugin panels).
 */
export class JobBox {
  readonly element = document.createElement('div');
  private readonly progress = document.createElement('div');
  private readonly bar = document.createElement('div');
  private readonly text = document.createElement('div');
  readonly cancelButton = document.createElement('button');
  private readonly errorBox = document.createElement('div');
  private readonly resultBox = document.createElement('div');
  private readonly chart = new Chart();
  private pending: { fraction: number; message?: string } | null = null;
  private queued = false;

  constructor(onCancel: () => void, id: string) {
    this.element.className = 'job-box';
    this.progress.className = 'job-progress';
    this.bar.className = 'job-progress-bar';
    this.text.className = 'job-progress-text';
    this.progress.append(this.bar, this.text);
    this.cancelButton.textContent = 'Cancel';
    this.cancelButton.className = 'cancel';
    this.cancelButton.dataset.cancel = id;
    this.cancelButton.addEventListener('click', onCancel);
    this.errorBox.className = 'job-error';
    this.errorBox.setAttribute('role', 'alert');
    this.resultBox.className = 'job-result';
    this.element.append(this.progress, this.cancelButton, this.chart.canvas, this.errorBox, this.resultBox);
    this.idle();
  }

  start(): void {
    this.chart.clear();
    this.errorBox.hidden = this.resultBox.hidden = true;
    this.progress.hidden = this.cancelButton.hidden = false;
    this.setProgress(0, 'starting…');
  }

  /** Progress may come 100 times a second: the bar is redrawn at most once per frame. */
  setProgress(fraction: number, message?: string, chart?: unknown): void {
    if (chart && typeof chart === 'object') this.chart.push(chart as Record<string, unknown>);
    this.pending = { fraction, message };
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      const p = this.pending;
      if (!p) return;
      const pct = Math.round(Math.min(1, Math.max(0, p.fraction)) * 100);
      this.bar.style.width = `${pct}%`;
      this.text.textContent = `${pct} %${p.message ? ` · ${p.message}` : ''}`;
    });
  }

  /** Hides the progress and Cancel (the chart stays, to read the run). */
  idle(): void {
    this.progress.hidden = this.cancelButton.hidden = true;
    this.pending = null;
  }

  error(text: string): void {
    this.idle();
    this.resultBox.hidden = true;
    this.errorBox.hidden = false;
    this.errorBox.textContent = text;
  }

  result(text: string): void {
    this.idle();
    this.errorBox.hidden = true;
    this.resultBox.hidden = false;
    this.resultBox.textContent = text;
  }
}
