import { icosphere as unitIcosphere } from '../../../src/core/harmonics/icosphere';
import { mulberry32 } from '../../../src/core/meshcnn/meshUNet';

/** A subdivided icosahedron on the unit sphere with seeded jitter of each coordinate (closed, genus 0). */
export function icosphere(
  subdivisions: number,
  jitter = 0,
  seed = 1,
): { positions: number[]; indices: number[] } {
  const sphere = unitIcosphere(subdivisions);
  const random = mulberry32(seed);
  const positions = Array.from(sphere.positions, (p) => p + jitter * 0.1 * (random() - 0.5));
  return { positions, indices: Array.from(sphere.indices) };
}
