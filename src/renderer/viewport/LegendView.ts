import type { Legend } from './attributeView';
import { viridisCss } from './colorMaps';

/** The colour-map legend in the viewport's corner: a ramp with its range, or the class swatches. */
export class LegendView {
  private readonly element = document.createElement('div');
  private shown = '';

  constructor(container: HTMLElement) {
    this.element.className = 'legend';
    this.element.hidden = true;
    container.appendChild(this.element);
  }

  show(legend: Legend | null): void {
    const key = JSON.stringify(legend);
    if (key === this.shown) return;
    this.shown = key;
    this.element.hidden = !legend;
    this.element.replaceChildren();
    if (!legend) return;
    const title = document.createElement('div');
    title.className = 'legend-title';
    title.textContent = legend.label;
    this.element.appendChild(title);
    if (legend.kind === 'scalar') {
      const ramp = document.createElement('div');
      ramp.className = 'legend-ramp';
      ramp.style.background = viridisCss();
      const range = document.createElement('div');
      range.className = 'legend-range';
      for (const v of [legend.min, (legend.min + legend.max) / 2, legend.max]) {
        const span = document.createElement('span');
        span.textContent = formatNumber(v);
        range.appendChild(span);
      }
      this.element.append(ramp, range);
    } else {
      for (const c of legend.classes) {
        const row = document.createElement('div');
        row.className = 'legend-class';
        const swatch = document.createElement('span');
        swatch.className = 'legend-swatch';
        swatch.style.background = c.color;
        row.append(swatch, document.createTextNode(c.name));
        this.element.appendChild(row);
      }
    }
  }
}

export function formatNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(2) : Number(v.toPrecision(4)).toString();
}
