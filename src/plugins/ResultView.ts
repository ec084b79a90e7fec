/**
 * What a plugin shows in the properties panel for an object it produced (after `Operator.resultView`):
 * plain values and callbacks, no DOM, so the editor decides how to draw it and the CLI and tests can
 * use it headless. Every part is optional.
 */
export interface ResultView {
  /** Folder title, e.g. 'Harmonic Compress'. */
  title: string;
  /**
   * A live slider (e.g. level of detail). View state, outside the undo history: `set` redraws the
   * object in place and returns the value actually shown (it may snap).
   */
  slider?: {
    label: string;
    min: number;
    max: number;
    step: number;
    value: number;
    set(value: number): number;
  };
  /** Images to show, computed on demand (RGBA8, rows top to bottom), each exportable as PNG. */
  images?(): ResultImage[];
  /** PNG bytes of the image called `name`. */
  imagePng?(name: string): Uint8Array;
  /** Curves to plot: one y value per x for each named series. */
  plot?: { title: string; xLabel: string; x: number[]; series: Record<string, number[]> };
  /** Figures to list as label/value rows. */
  figures?: [label: string, value: string][];
  /** Files the user can save. */
  exports?: { label: string; fileName: string; bytes(): Uint8Array }[];
  /**
   * Heavy work to run in a job host (never on the UI thread) before the slider can be used, e.g.
   * rebuilding a table after a reload; null when the view is ready.
   */
  prepare?(): ResultViewPreparation | null;
}

export interface ResultImage {
  name: string;
  width: number;
  height: number;
  /** #width×height×4 */
  data: Uint8ClampedArray;
}

/** A job to run (a key of src/plugins/jobs.ts) and where its output goes. */
export interface ResultViewPreparation {
  job: string;
  input: unknown;
  transfer: ArrayBuffer[];
  /** What the job is doing, for the panel ('level-of-detail table'). */
  label: string;
  attach(output: unknown): void;
}
