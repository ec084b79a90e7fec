import type { Rng } from '../sampling/Rng';
import type { FlowAnchors } from './ConditionalFlow';
import { kMeans } from './kMeans';

/**
 * Starting places of M primitives for a per-shape fit: k-means centres of the inside samples, and a
 * scale that makes each sphere about 1/M of the shape's volume (estimated from the fraction of
 * uniform box samples inside). The paper's network learns placement over a whole dataset; one
 * shape with a few hundred CPU steps needs this head start.
 * points: #V×3 with labels #V; the first `uniformCount` points are uniform in a box of `boxVolume`.
 */
export function initialAnchors(
  points: Float32Array,
  labels: Uint8Array,
  uniformCount: number,
  boxVolume: number,
  primitives: number,
  radius: number,
  rng: Rng,
): FlowAnchors {
  const inside: number[] = [];
  let uniformInside = 0;
  for (let i = 0; i < labels.length; i++) {
    if (!labels[i]) continue;
    inside.push(points[3 * i]!, points[3 * i + 1]!, points[3 * i + 2]!);
    if (i < uniformCount) uniformInside++;
  }
  if (inside.length === 0) throw new Error('no inside samples to place the primitives');
  const translation = kMeans(Float32Array.from(inside), primitives, rng);
  const volume = uniformCount > 0 ? (boxVolume * Math.max(uniformInside, 1)) / uniformCount : boxVolume / 8;
  const partRadius = Math.cbrt((3 * volume) / (4 * Math.PI * primitives));
  // σ divides the sphere: σ = r / partRadius gives spheres of radius partRadius
  const scale = Math.min(8, Math.max(0.25, radius / partRadius));
  return { translation, scale };
}
