import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import type { Object3D } from 'three';
import { CancelledError } from '../../core/plugin/Job';
import type { AnyOperator } from '../../plugins/Operator';
import type { ResultImage, ResultView } from '../../plugins/ResultView';
import type { Editor } from '../editor/Editor';
import type { Platform } from '../platform/Platform';
import { Chart } from './Chart';
import './resultView.css';

/** What the result views need from the app. */
export interface ResultViewServices {
  editor: Editor;
  operators: readonly AnyOperator[];
  platform: Pick<Platform, 'saveFile' | 'jobs'>;
  /** Redraws the viewport (the slider rewrites geometry in place, outside the undo history). */
  requestRender(): void;
  /** Tells the user something (status bar / toast). */
  notify(text: string, kind: 'info' | 'ok' | 'error'): void;
}

/**
 * Shows a plugin's ResultView (Operator.resultView) for the active object in the properties panel:
 * a live slider, images drawn into canvases with PNG export, a plot, figures and file exports.
 *
 * The slider is VIEW STATE, not a Command: it re-evaluates a stored representation (nothing the user
 * made is lost or changed — every degree can be shown again from the same coefficients), so it must
 * not flood the undo history or mark the scene as edited. Redraws are throttled to one per animation
 * frame: a drag fires many input events, only the latest value is drawn.
 */
export class ResultViewPanel {
  private dispose: (() => void) | null = null;

  constructor(private readonly services: ResultViewServices) {}

  /** The first operator's view of `object`, if any. */
  viewOf(object: Object3D): ResultView | null {
    const ctx = this.services.editor.operatorContext();
    for (const operator of this.services.operators) {
      const view = operator.resultView?.(object, ctx);
      if (view) return view;
    }
    return null;
  }

  /** Adds the view's folder to `gui` (the properties panel, rebuilt per selection). */
  mount(gui: GUI, object: Object3D): void {
    this.dispose?.();
    this.dispose = null;
    let view: ResultView | null;
    try {
      view = this.viewOf(object);
    } catch (error) {
      this.services.notify(`Could not show the result view: ${message(error)}`, 'error');
      return;
    }
    if (!view) return;
    const folder = gui.addFolder(`View: ${view.title}`);
    folder.domElement.classList.add('result-view');
    folder.domElement.dataset.resultView = view.title;
    const note = document.createElement('div');
    note.className = 'operator-description result-view-note';
    folder.$children.appendChild(note);
    const abort = new AbortController();
    let frame = 0;
    this.dispose = () => {
      abort.abort();
      cancelAnimationFrame(frame);
    };

    if (view.slider) {
      const slider = view.slider;
      const holder = { value: slider.value };
      const controller = folder.add(holder, 'value', slider.min, slider.max, slider.step).name(slider.label);
      controller.domElement.dataset.role = 'result-slider';
      let pending: number | null = null;
      const draw = () => {
        frame = 0;
        if (pending === null) return;
        const requested = pending;
        pending = null;
        const start = performance.now();
        try {
          const shown = slider.set(requested);
          this.services.requestRender();
          const ms = performance.now() - start;
          note.textContent = `Showing ${slider.label.toLowerCase()} ${shown}${shown !== requested ? ` (nearest stored to ${requested})` : ''} · redraw ${ms.toFixed(1)} ms`;
          controller.domElement.dataset.shown = String(shown);
        } catch (error) {
          note.textContent = `Could not redraw: ${message(error)}`;
        }
      };
      controller.onChange((value: number) => {
        pending = value;
        if (!frame) frame = requestAnimationFrame(draw);
      });
      note.textContent = `${slider.label} ${slider.value} of ${slider.max}: drag to change the level of detail (a view, not an edit: not in the undo history).`;
      const preparation = view.prepare?.() ?? null;
      if (preparation) this.prepare(preparation, controller, note, abort.signal);
    }

    if (view.images) this.addImages(folder, view, object);
    if (view.plot && view.plot.x.length > 0) {
      const plot = view.plot;
      const title = document.createElement('div');
      title.className = 'result-view-caption';
      title.textContent = plot.title;
      const chart = new Chart();
      chart.canvas.dataset.role = 'result-plot';
      plot.x.forEach((_, i) =>
        chart.push(Object.fromEntries(Object.entries(plot.series).map(([k, ys]) => [k, ys[i]]))),
      );
      const axis = document.createElement('div');
      axis.className = 'result-view-caption';
      axis.textContent = `${plot.xLabel} = ${plot.x.join(', ')}`;
      folder.$children.append(title, chart.canvas, axis);
    }
    if (view.figures?.length) folder.$children.appendChild(figuresTable(view.figures));
    for (const file of view.exports ?? []) {
      const c = folder
        .add({ save: () => void this.save(file.fileName, file.bytes) }, 'save')
        .name(file.label);
      c.domElement.querySelector('button')!.dataset.export = file.fileName;
    }
  }

  private addImages(folder: GUI, view: ResultView, object: Object3D): void {
    let images: ResultImage[];
    try {
      images = view.images!();
    } catch (error) {
      this.services.notify(`Could not draw the images: ${message(error)}`, 'error');
      return;
    }
    const strip = document.createElement('div');
    strip.className = 'result-images';
    const base = (object.name || 'result').replace(/[^\w.-]+/g, '_');
    for (const image of images) {
      const figure = document.createElement('figure');
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      canvas.dataset.role = 'result-image';
      canvas.dataset.name = image.name;
      canvas.title = `${image.name}: ${image.width}×${image.height}`;
      canvas
        .getContext('2d')
        ?.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
      const caption = document.createElement('figcaption');
      caption.textContent = image.name;
      figure.append(canvas, caption);
      if (view.imagePng) {
        const button = document.createElement('button');
        button.textContent = 'PNG';
        button.title = `Save the ${image.name} image as PNG`;
        button.dataset.export = `${base}-${image.name}.png`;
        button.addEventListener(
          'click',
          () => void this.save(`${base}-${image.name}.png`, () => view.imagePng!(image.name)),
        );
        caption.appendChild(button);
      }
      strip.appendChild(figure);
    }
    folder.$children.appendChild(strip);
  }

  /** Runs the view's preparation job (off the UI thread); the slider waits for it. */
  private prepare(
    preparation: NonNullable<ReturnType<NonNullable<ResultView['prepare']>>>,
    controller: Controller,
    note: HTMLElement,
    signal: AbortSignal,
  ): void {
    controller.disable();
    note.textContent = `Building the ${preparation.label}…`;
    this.services.platform.jobs
      .run(preparation.job, preparation.input, {}, preparation.transfer, {
        signal,
        onProgress: (p) =>
          (note.textContent = `Building the ${preparation.label}… ${Math.round(100 * p.fraction)} %`),
      })
      .then(
        (output) => {
          if (signal.aborted) return;
          preparation.attach(output);
          controller.enable();
          note.textContent = 'Ready: drag to change the level of detail.';
        },
        (error: unknown) => {
          if (error instanceof CancelledError || signal.aborted) return;
          note.textContent = `Could not build the ${preparation.label}: ${message(error)}`;
        },
      );
  }

  private async save(fileName: string, bytes: () => Uint8Array): Promise<void> {
    try {
      if (await this.services.platform.saveFile(fileName, bytes()))
        this.services.notify(`Saved ${fileName}`, 'ok');
    } catch (error) {
      this.services.notify(`Could not save ${fileName}: ${message(error)}`, 'error');
    }
  }
}

function figuresTable(rows: [string, string][]): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'stats-table';
  table.dataset.role = 'result-figures';
  for (const [k, v] of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = k;
    tr.insertCell().textContent = v;
  }
  return table;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
