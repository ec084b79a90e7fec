import { buildEdgeTopology, oppositeHalfEdges } from '../edgeTopology';
import type { Mesh } from '../Mesh';
import { withFlippedFaces } from '../meshEdit';
import { orientationPatches } from '../orientationPatches';
import type { RepairResult } from './RepairReport';
import { plural } from './RepairReport';

/**
 * Makes face orientation consistent across every manifold edge (breadth-first over each patch of faces
 * joined by manifold edges, flipping faces to agree), choosing per patch the orientation that flips the
 * fewest faces; then, with `outward` (default), turns each closed patch so its signed volume is positive
 * (normals point out). A non-orientable patch (Möbius) cannot be made consistent: it is left as the
 * search leaves it and reported. Flipping swaps a face's 2nd and 3rd index (and corner attributes such as corner UVs).
 */
export function orientFaces(mesh: Mesh, options: { outward?: boolean } = {}): RepairResult {
  const outward = options.outward ?? true;
  const indices = mesh.indices;
  const faceTotal = indices.length / 3;
  const opposite = oppositeHalfEdges(buildEdgeTopology(mesh), indices.length);
  const patches = orientationPatches(mesh, opposite);
  const { patchOfFace, patchFaceCounts, patchFlipCounts } = patches;

  // Flip the fewer faces: invert a patch's answer when it flips more than half of it.
  const invert = new Uint8Array(patches.count);
  for (let q = 0; q < patches.count; q++) invert[q] = 2 * patchFlipCounts[q]! > patchFaceCounts[q]! ? 1 : 0;
  const flip = new Uint8Array(faceTotal);
  for (let f = 0; f < faceTotal; f++) flip[f] = patches.flip[f]! ^ invert[patchOfFace[f]!]!;
  let consistencyFlips = 0;
  for (let f = 0; f < faceTotal; f++) consistencyFlips += flip[f]!;

  // Closed patches (every side paired) by signed volume after the flips above.
  let outwardPatches = 0;
  if (outward) {
    const open = new Uint8Array(patches.count);
    for (let h = 0; h < indices.length; h++) if (opposite[h]! < 0) open[patchOfFace[(h / 3) | 0]!] = 1;
    const volume = new Float64Array(patches.count);
    const p = mesh.positions;
    for (let f = 0; f < faceTotal; f++) {
      const q = patchOfFace[f]!;
      if (open[q] || !patches.orientable[q]) continue;
      const a = indices[3 * f]!;
      const b = indices[3 * f + (flip[f] ? 2 : 1)]!;
      const c = indices[3 * f + (flip[f] ? 1 : 2)]!;
      const ax = p[3 * a]!,
        ay = p[3 * a + 1]!,
        az = p[3 * a + 2]!;
      const bx = p[3 * b]!,
        by = p[3 * b + 1]!,
        bz = p[3 * b + 2]!;
      const cx = p[3 * c]!,
        cy = p[3 * c + 1]!,
        cz = p[3 * c + 2]!;
      volume[q]! += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
    }
    for (let q = 0; q < patches.count; q++) {
      if (volume[q]! < 0) {
        invert[q] = 1;
        outwardPatches++;
      } else invert[q] = 0;
    }
    for (let f = 0; f < faceTotal; f++) flip[f]! ^= invert[patchOfFace[f]!]!;
  }

  let flipped = 0;
  for (let f = 0; f < faceTotal; f++) flipped += flip[f]!;
  let nonOrientable = 0;
  for (let q = 0; q < patches.count; q++) if (!patches.orientable[q]) nonOrientable++;
  const counts = {
    flippedFaces: flipped,
    consistencyFlips,
    outwardFlippedPatches: outwardPatches,
    nonOrientablePatches: nonOrientable,
  };
  const warning = nonOrientable
    ? `; ${plural(nonOrientable, 'non-orientable patch', 'non-orientable patches')} cannot be made consistent`
    : '';
  if (flipped === 0) {
    return {
      mesh,
      report: {
        operation: 'orient_faces',
        changed: false,
        counts,
        message: `Orientation already consistent${warning}`,
      },
    };
  }
  return {
    mesh: withFlippedFaces(mesh, flip),
    report: {
      operation: 'orient_faces',
      changed: true,
      counts,
      message:
        `Flipped ${plural(flipped, 'face')}` +
        (outwardPatches ? ` (${plural(outwardPatches, 'closed piece')} turned outward)` : '') +
        warning,
    },
  };
}
