import type { Mesh } from '../mesh/Mesh';
import { Rng } from '../sampling/Rng';
import { sampleSurface } from '../sampling/surfaceSampling';
import { pointSetDistances, type PointSetDistances } from './pointSetDistances';

/** Options for comparing two surfaces by sampling. */
export interface MeshDistanceOptions {
  /** points sampled (area-weighted) on each surface; default 100,000 as in Occupancy Networks */
  samples?: number;
  /** seed of the sampling; default 0 */
  seed?: number;
}

/**
 * Chamfer-L1/L2 and Hausdorff distance between two meshes' surfaces, estimated from area-weighted
 * surface samples of both (each sample to the nearest sample of the other surface). Units are the
 * meshes' own; normalise both first to compare across shapes.
 */
export function meshDistances(a: Mesh, b: Mesh, options: MeshDistanceOptions = {}): PointSetDistances {
  const samples = options.samples ?? 100_000;
  const rng = new Rng(options.seed ?? 0);
  const pa = sampleSurface(a, samples, rng).points;
  const pb = sampleSurface(b, samples, rng).points;
  return pointSetDistances(pa, pb);
}
