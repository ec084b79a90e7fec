import { findDuplicateFaces } from '../faceChecks';
import type { Mesh } from '../Mesh';
import { facesWithout, withFaces } from '../meshEdit';
import type { RepairResult } from './RepairReport';
import { plural } from './RepairReport';

/** Removes faces that repeat an earlier face's three vertices in any order or orientation; the first copy stays. */
export function removeDuplicateFaces(mesh: Mesh): RepairResult {
  const { duplicates } = findDuplicateFaces(mesh);
  const operation = 'remove_duplicate_faces';
  if (duplicates.length === 0) {
    return {
      mesh,
      report: { operation, changed: false, counts: { removedFaces: 0 }, message: 'No duplicate faces' },
    };
  }
  const faceTotal = mesh.indices.length / 3;
  const removed = new Uint8Array(faceTotal);
  for (const f of duplicates) removed[f] = 1;
  return {
    mesh: withFaces(mesh, facesWithout(faceTotal, removed)),
    report: {
      operation,
      changed: true,
      counts: { removedFaces: duplicates.length },
      message: `Removed ${plural(duplicates.length, 'duplicate face')}`,
    },
  };
}
