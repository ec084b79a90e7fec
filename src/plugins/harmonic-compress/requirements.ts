import { inspectMesh } from '../../core/mesh/inspect';
import type { Mesh } from '../../core/mesh/Mesh';
import { meshProblem } from '../../core/mesh/validateMesh';
import { sphereMapProblem } from '../../core/spherical/requirements';

/**
 * Why Harmonic Compress cannot run on a mesh, or null: the same requirements, and the same words,
 * as Spherical Parametrize (one closed, manifold, orientable genus-0 piece), since it builds on the
 * sphere map; malformed arrays are reported first.
 */
export function harmonicCompressProblem(mesh: Mesh): string | null {
  return meshProblem(mesh) ?? sphereMapProblem(inspectMesh(mesh));
}
