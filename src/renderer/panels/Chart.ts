import { formatNumber } from '../viewport/LegendView';

const COLORS = ['#5aa0e6', '#f0a24a', '#5bb974', '#e5645c', '#b07aa1', '#edc948'];

/**
 * A live line chart of the numbers a job reports in `preview.chart` (loss curves, radial deviation).
 * One line per key; a log scale when the values span more than two decades, as losses do.
 */
export class Chart {
  readonly canvas = document.createElement('canvas');
  private readonly series = new Map<string, number[]>();
  private drawQueued = false;

  constructor() {
    this.canvas.className = 'chart';
    this.canvas.hidden = true;
  }

  clear(): void {
    this.series.clear();
    this.canvas.hidden = true;
  }

  /** Adds the numeric fields of one `preview.chart` record. */
  push(values: Record<string, unknown>): void {
    let added = false;
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      let list = this.series.get(key);
      if (!list) this.series.set(key, (list = []));
      list.push(value);
      added = true;
    }
    if (!added) return;
    this.canvas.hidden = false;
    if (!this.drawQueued) {
      this.drawQueued = true;
      requestAnimationFrame(() => {
        this.drawQueued = false;
        this.draw();
      });
    }
  }

  private draw(): void {
    const ratio = window.devicePixelRatio || 1;
    const w = this.canvas.clientWidth || 260;
    const h = this.canvas.clientHeight || 90;
    // Resizing a canvas reallocates it: only when its size changed.
    if (this.canvas.width !== Math.round(w * ratio) || this.canvas.height !== Math.round(h * ratio)) {
      this.canvas.width = Math.round(w * ratio);
      this.canvas.height = Math.round(h * ratio);
    }
    const g = this.canvas.getContext('2d');
    if (!g) return;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, h);
    let min = Infinity;
    let max = -Infinity;
    let length = 0;
    for (const list of this.series.values()) {
      length = Math.max(length, list.length);
      for (const v of list) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    const log = min > 0 && max / min > 100;
    const f = (v: number) => (log ? Math.log10(v) : v);
    const lo = f(min);
    const hi = f(max) > lo ? f(max) : lo + 1;
    const pad = { l: 4, r: 4, t: 14, b: 4 };
    const x = (i: number) => pad.l + (length > 1 ? (i / (length - 1)) * (w - pad.l - pad.r) : 0);
    const y = (v: number) => pad.t + (1 - (f(v) - lo) / (hi - lo)) * (h - pad.t - pad.b);
    let k = 0;
    g.font = '10px system-ui, sans-serif';
    let legendX = 4;
    for (const [key, list] of this.series) {
      const color = COLORS[k++ % COLORS.length]!;
      g.strokeStyle = color;
      g.lineWidth = 1.5;
      g.beginPath();
      list.forEach((v, i) => (i === 0 ? g.moveTo(x(i), y(v)) : g.lineTo(x(i), y(v))));
      g.stroke();
      const label = `${key} ${formatNumber(list[list.length - 1]!)}`;
      g.fillStyle = color;
      g.fillText(label, legendX, 10);
      legendX += g.measureText(label).width + 10;
    }
    if (log) {
      g.fillStyle = '#8d9098';
      g.fillText('log', w - 22, h - 6);
    }
  }
}
