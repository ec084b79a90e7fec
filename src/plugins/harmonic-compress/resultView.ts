import type { BufferAttribute, BufferGeometry, Object3D } from 'three';
import { writeCoefficientFile } from '../../core/harmonics/coefficientFile';
import { coefficientImage, encodePngRgba, type RgbaPixels } from '../../core/harmonics/coefficientImage';
import { CHANNEL_NAMES } from '../../core/harmonics/harmonicExpansion';
import { icosphereLevelFor } from '../../core/harmonics/icosphere';
import { decodeCoefficients, SPHERE_POINTS_ATTRIBUTE, showHarmonicDegree } from './operator';
import { triangleMeshOf } from './sceneMesh';
import type { DegreeError } from './types';

/**
 * Everything the editor's panel needs to show a Harmonic Compress result, in plain values and
 * callbacks (no DOM here, so the panel decides how to draw it):
 * - `slider`: the live level-of-detail slider (degree 0..L; `set` redraws and returns the degree shown);
 * - `images()`: the coefficient images (triangular layout, m = 0 on the diagonal) as RGBA pixels;
 *   `png(name)` encodes one for export;
 * - `errorVsDegree`: the curve to plot (relative Chamfer and Hausdorff);
 * - `sizes`: coefficient bytes at float32/float16 against the mesh;
 * - `coefficientFile()`: the .hshc bytes for export.
 * Null for objects that are not Harmonic Compress results.
 */
export interface HarmonicResultView {
  slider: {
    label: string;
    min: number;
    max: number;
    step: number;
    value: number;
    set(degree: number): number;
  };
  images(): { name: string; pixels: RgbaPixels }[];
  png(name: string): Uint8Array;
  errorVsDegree: DegreeError[];
  sizes: { coefficients: number; bytesFloat32: number; bytesFloat16: number; meshBytes: number };
  coefficientFile(): Uint8Array;
}

export function harmonicResultView(object: Object3D): HarmonicResultView | null {
  const info = object.userData?.harmonic as
    | { degree: number; channelNames: string[]; precision: 'float32' | 'float16'; coefficients: string }
    | undefined;
  const metrics = object.userData?.metrics as Record<string, unknown> | undefined;
  const mesh = triangleMeshOf(object);
  if (object.userData?.plugin !== 'harmonic-compress' || !info || !mesh) return null;
  const L = info.degree;
  const names = info.channelNames;
  const coefficients = (): Float32Array => decodeCoefficients(info.coefficients);
  const images = (): { name: string; pixels: RgbaPixels }[] => {
    const all = coefficients();
    const out: { name: string; pixels: RgbaPixels }[] = [];
    const used = new Set<string>();
    for (const [name, members] of [
      ['geometry', CHANNEL_NAMES.geometry],
      ['color', CHANNEL_NAMES.color],
    ] as const) {
      const at = members.map((m) => names.indexOf(m));
      if (at.every((i) => i >= 0)) {
        out.push({ name, pixels: coefficientImage(all, names.length, L, at) });
        members.forEach((m) => used.add(m));
      }
    }
    names.forEach((name, i) => {
      if (!used.has(name)) out.push({ name, pixels: coefficientImage(all, names.length, L, [i]) });
    });
    return out;
  };
  let value = L;
  return {
    slider: {
      label: 'Degree',
      min: 0,
      max: L,
      step: 1,
      get value() {
        return value;
      },
      set(degree: number) {
        value = showHarmonicDegree(object, degree);
        return value;
      },
    },
    images,
    png(name) {
      const image = images().find((i) => i.name === name);
      if (!image) throw new Error(`no coefficient image named ${name}`);
      return encodePngRgba(image.pixels);
    },
    errorVsDegree: (metrics?.errorVsDegree as DegreeError[] | undefined) ?? [],
    sizes: {
      coefficients: Number(metrics?.coefficients ?? 0),
      bytesFloat32: Number(metrics?.bytesFloat32 ?? 0),
      bytesFloat16: Number(metrics?.bytesFloat16 ?? 0),
      meshBytes: Number(metrics?.meshBytes ?? 0),
    },
    coefficientFile() {
      // Written from the saved state, so it works after a reload too.
      const geometry = mesh.geometry as BufferGeometry;
      const sphere = geometry.getAttribute(SPHERE_POINTS_ATTRIBUTE) as BufferAttribute | undefined;
      const sameConnectivity =
        (object.userData.props as { target?: string } | undefined)?.target !== 'sphere';
      const resolution = Number(
        (object.userData.props as { resolution?: number } | undefined)?.resolution ?? 40962,
      );
      // Float32 coefficients already carry the float16 quantisation when that was chosen.
      return writeCoefficientFile({
        degree: L,
        channelNames: names,
        coefficients: Float64Array.from(coefficients()),
        precision: info.precision,
        icosphereLevel: icosphereLevelFor(resolution),
        connectivity:
          sameConnectivity && sphere && geometry.index
            ? { sphere: Float32Array.from(sphere.array), indices: Uint32Array.from(geometry.index.array) }
            : undefined,
      });
    },
  };
}
