import type { Object3D } from 'three';
import type { ResultView } from '../ResultView';
import type { HarmonicLod } from './lod';
import { harmonicLodJobInput, hasHarmonicLod, setHarmonicLod } from './operator';
import { harmonicResultView } from './resultView';

/** The degree each result currently shows (the slider is view state: it survives a panel rebuild, not a reload). */
const shownDegrees = new WeakMap<Object3D, number>();

/**
 * Harmonic Compress's view in the properties panel (Operator.resultView): the live level-of-detail
 * slider, the coefficient images, the error-vs-degree curve, the sizes, and the PNG/.hshc exports.
 * Null for objects this plugin did not produce.
 */
export function harmonicEditorView(object: Object3D): ResultView | null {
  const view = harmonicResultView(object);
  if (!view) return null;
  const L = view.slider.max;
  const base = (object.name || 'harmonic').replace(/[^\w.-]+/g, '_');
  const { coefficients, bytesFloat32, bytesFloat16, meshBytes } = view.sizes;
  const share = (bytes: number) =>
    meshBytes > 0 ? ` (${((100 * bytes) / meshBytes).toFixed(1)} % of the mesh)` : '';
  const curve = view.errorVsDegree;
  return {
    title: 'Harmonic Compress',
    slider: {
      label: view.slider.label,
      min: view.slider.min,
      max: L,
      step: view.slider.step,
      value: shownDegrees.get(object) ?? L,
      set(degree) {
        const shown = view.slider.set(degree);
        shownDegrees.set(object, shown);
        return shown;
      },
    },
    images: () => view.images().map(({ name, pixels }) => ({ name, ...pixels })),
    imagePng: (name) => view.png(name),
    plot: {
      title: 'Error vs degree (relative to the bbox diagonal)',
      xLabel: 'degree l',
      x: curve.map((p) => p.degree),
      series: { chamfer: curve.map((p) => p.chamferRel), hausdorff: curve.map((p) => p.hausdorffRel) },
    },
    figures: [
      ['Coefficients', `${coefficients.toLocaleString('en')} (L = ${L})`],
      ['float32', `${formatBytes(bytesFloat32)}${share(bytesFloat32)}`],
      ['float16', `${formatBytes(bytesFloat16)}${share(bytesFloat16)}`],
      ['Mesh (f32 + u32)', formatBytes(meshBytes)],
    ],
    exports: [
      { label: 'Save coefficients (.hshc)', fileName: `${base}.hshc`, bytes: () => view.coefficientFile() },
    ],
    prepare() {
      // After a reload only the coefficients and _SH_SPHERE are saved: the slider's table is rebuilt in a worker.
      if (hasHarmonicLod(object)) return null;
      const input = harmonicLodJobInput(object);
      if (!input) return null;
      return {
        job: 'harmonic-compress.lod',
        input,
        transfer: [input.coefficients.buffer as ArrayBuffer, input.spherePoints.buffer as ArrayBuffer],
        label: 'level-of-detail table',
        attach: (lod) => setHarmonicLod(object, lod as HarmonicLod),
      };
    },
  };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(2)} MiB`;
}
