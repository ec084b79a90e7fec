import type { Mesh } from './Mesh';

/**
 * Faces grouped into patches that are connected across manifold edges, each patch with the flips
 * that make it consistently oriented relative to its first face (breadth-first search). A patch is
 * non-orientable when some edge needs both answers (a Möbius strip).
 * - patchOfFace: #F
 * - flip:        #F, 1 where the face must be flipped to agree with its patch's first face
 * - orientable:  #P, 0 for a non-orientable patch
 * - patchFaceCounts, patchFlipCounts: #P
 */
export interface OrientationPatches {
  count: number;
  patchOfFace: Uint32Array;
  flip: Uint8Array;
  orientable: Uint8Array;
  patchFaceCounts: Uint32Array;
  patchFlipCounts: Uint32Array;
}

/** `opposite`: from `oppositeHalfEdges` (−1 where an edge is not manifold). */
export function orientationPatches(mesh: Pick<Mesh, 'indices'>, opposite: Int32Array): OrientationPatches {
  const indices = mesh.indices;
  const faceTotal = indices.length / 3;
  const patchOfFace = new Uint32Array(faceTotal).fill(0xffffffff);
  const flip = new Uint8Array(faceTotal);
  const queue = new Uint32Array(faceTotal);
  // At most one patch per face; trimmed at the end.
  const orientable = new Uint8Array(faceTotal);
  const faceCounts = new Uint32Array(faceTotal);
  const flipCounts = new Uint32Array(faceTotal);
  let count = 0;
  for (let seed = 0; seed < faceTotal; seed++) {
    if (patchOfFace[seed] !== 0xffffffff) continue;
    const patch = count++;
    let ok = 1;
    let faces = 0;
    let flips = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    patchOfFace[seed] = patch;
    while (head < tail) {
      const f = queue[head++]!;
      faces++;
      flips += flip[f]!;
      for (let k = 0; k < 3; k++) {
        const h = 3 * f + k;
        const o = opposite[h]!;
        if (o < 0) continue;
        const g = (o / 3) | 0;
        // Consistent neighbours traverse the shared edge in opposite directions.
        const sameDirection = indices[h] === indices[o] ? 1 : 0;
        const wanted = flip[f]! ^ sameDirection;
        if (patchOfFace[g] === 0xffffffff) {
          patchOfFace[g] = patch;
          flip[g] = wanted;
          queue[tail++] = g;
        } else if (flip[g] !== wanted && g !== f) ok = 0;
      }
    }
    orientable[patch] = ok;
    faceCounts[patch] = faces;
    flipCounts[patch] = flips;
  }
  return {
    count,
    patchOfFace,
    flip,
    orientable: orientable.slice(0, count),
    patchFaceCounts: faceCounts.slice(0, count),
    patchFlipCounts: flipCounts.slice(0, count),
  };
}
