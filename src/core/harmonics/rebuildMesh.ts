import type { Mesh } from '../mesh/Mesh';
import type { CoefficientFile } from './coefficientFile';
import { icosphere } from './icosphere';
import { shCount } from './shIndex';
import { ShEvaluator } from './shEvaluator';

/**
 * The mesh a coefficient file describes, truncated at `degree` (default: all of it): channels
 * x, y, z (required) and r, g, b (optional → vertex colours, clamped to [0, 1]) evaluated at the
 * stored sphere-mapped vertices with the stored connectivity, or at the vertices of an icosphere
 * (`icosphereLevel`, default the file's suggestion) when the file has no connectivity or
 * `connectivity: false` is asked for.
 */
export function rebuildMesh(
  file: CoefficientFile,
  options: { degree?: number; icosphereLevel?: number; connectivity?: boolean } = {},
): Mesh {
  const names = file.channelNames;
  const geometry = ['x', 'y', 'z'].map((n) => names.indexOf(n));
  if (geometry.some((i) => i < 0)) throw new Error('the coefficient file has no geometry channels (x, y, z)');
  const color = ['r', 'g', 'b'].map((n) => names.indexOf(n));
  const hasColor = color.every((i) => i >= 0);
  const degree = options.degree ?? file.degree;
  if (!Number.isInteger(degree) || degree < 0 || degree > file.degree) {
    throw new Error(`degree must be an integer in [0, ${file.degree}], got ${degree}`);
  }
  let points: ArrayLike<number>;
  let indices: Uint32Array;
  if (file.connectivity && options.connectivity !== false) {
    points = file.connectivity.sphere;
    indices = file.connectivity.indices;
  } else {
    const ico = icosphere(options.icosphereLevel ?? file.icosphereLevel);
    points = ico.positions;
    indices = ico.indices;
  }
  // Gather the wanted channels (xyz then rgb) into one C′×(L+1)² block for a single evaluation pass.
  const count = shCount(file.degree);
  const wanted = hasColor ? [...geometry, ...color] : geometry;
  const block = new Float64Array(wanted.length * count);
  wanted.forEach((c, k) => block.set(file.coefficients.subarray(c * count, (c + 1) * count), k * count));
  const values = new ShEvaluator(block, wanted.length).evaluate(points, degree);
  const V = Math.floor(points.length / 3);
  const C = wanted.length;
  const positions = new Float32Array(3 * V);
  const colors = hasColor ? new Float32Array(3 * V) : undefined;
  for (let v = 0; v < V; v++) {
    for (let d = 0; d < 3; d++) positions[3 * v + d] = values[v * C + d];
    if (colors)
      for (let d = 0; d < 3; d++) colors[3 * v + d] = Math.min(1, Math.max(0, values[v * C + 3 + d]));
  }
  const mesh: Mesh = { positions, indices: Uint32Array.from(indices) };
  if (colors) {
    mesh.colors = colors;
    mesh.colorSize = 3;
  }
  return mesh;
}
