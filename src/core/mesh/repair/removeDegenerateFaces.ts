import { DEFAULT_DEGENERATE_TOLERANCE, findDegenerateFaces } from '../faceChecks';
import type { Mesh } from '../Mesh';
import { facesWithout, withFaces } from '../meshEdit';
import type { RepairResult } from './RepairReport';
import { plural } from './RepairReport';

/**
 * Removes faces with a repeated vertex or (near) zero area: height ≤ `tolerance` × bbox diagonal
 * (see findDegenerateFaces). A zero-area face whose three corners are distinct (a vertex lying on the
 * opposite side) leaves a slit where it was; the faces around it are not re-triangulated.
 */
export function removeDegenerateFaces(mesh: Mesh, options: { tolerance?: number } = {}): RepairResult {
  const degenerate = findDegenerateFaces(mesh, options.tolerance ?? DEFAULT_DEGENERATE_TOLERANCE);
  const operation = 'remove_degenerate_faces';
  if (degenerate.length === 0) {
    return {
      mesh,
      report: { operation, changed: false, counts: { removedFaces: 0 }, message: 'No degenerate faces' },
    };
  }
  const faceTotal = mesh.indices.length / 3;
  const removed = new Uint8Array(faceTotal);
  for (const f of degenerate) removed[f] = 1;
  return {
    mesh: withFaces(mesh, facesWithout(faceTotal, removed)),
    report: {
      operation,
      changed: true,
      counts: { removedFaces: degenerate.length },
      message: `Removed ${plural(degenerate.length, 'degenerate face')}`,
    },
  };
}
