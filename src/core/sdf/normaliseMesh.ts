import type { Mesh } from '../mesh/Mesh';

/** A mesh moved into the unit cube, and how to get back. */
export interface NormalisedMesh {
  /** positions: centred at the bounding-box middle, scaled by 1/(longest side); faces outward */
  mesh: Mesh;
  /** the original bounding-box centre (#3) */
  centre: [number, number, number];
  /** 1 / longest bounding-box side: normalised = (original − centre) · scale */
  scale: number;
  /** true if every face was flipped because the signed volume was negative */
  flipped: boolean;
  /** signed volume after normalisation (before any flip) */
  signedVolume: number;
}

/**
 * The SDF reference's normalisation: vertices centred at the middle of the bounding box and
 * scaled by 1/(longest side), so the mesh fits in [−0.5, 0.5]³ keeping its aspect ratio; all faces
 * flipped if the signed volume is negative, so that the winding number is +1 inside.
 * Only `positions` and `indices` are carried over (Float64 positions).
 */
export function normaliseMesh(mesh: Mesh): NormalisedMesh {
  const p = mesh.positions;
  const n = p.length / 3;
  if (n === 0) throw new Error('cannot normalise a mesh without vertices');
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      const v = p[3 * i + k]!;
      if (v < lo[k]!) lo[k] = v;
      if (v > hi[k]!) hi[k] = v;
    }
  }
  const centre: [number, number, number] = [
    (lo[0]! + hi[0]!) / 2,
    (lo[1]! + hi[1]!) / 2,
    (lo[2]! + hi[2]!) / 2,
  ];
  const longest = Math.max(hi[0]! - lo[0]!, hi[1]! - lo[1]!, hi[2]! - lo[2]!);
  if (!(longest > 0) || !Number.isFinite(longest))
    throw new Error('cannot normalise a mesh whose bounding box is a point or not finite');
  const scale = 1 / longest;
  const positions = new Float64Array(3 * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < 3; k++) positions[3 * i + k] = (p[3 * i + k]! - centre[k]!) * scale;
  const indices = Uint32Array.from(mesh.indices);
  const signedVolume = meshSignedVolume(positions, indices);
  const flipped = signedVolume < 0;
  if (flipped) {
    for (let t = 0; t < indices.length; t += 3) {
      const b = indices[t + 1]!;
      indices[t + 1] = indices[t + 2]!;
      indices[t + 2] = b;
    }
  }
  return { mesh: { positions, indices }, centre, scale, flipped, signedVolume };
}

/** Σ a·(b×c)/6 over the faces: the enclosed volume for a closed, outward-oriented mesh. */
export function meshSignedVolume(positions: ArrayLike<number>, indices: ArrayLike<number>): number {
  let volume = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t]!,
      b = 3 * indices[t + 1]!,
      c = 3 * indices[t + 2]!;
    const ax = positions[a]!,
      ay = positions[a + 1]!,
      az = positions[a + 2]!;
    const bx = positions[b]!,
      by = positions[b + 1]!,
      bz = positions[b + 2]!;
    const cx = positions[c]!,
      cy = positions[c + 1]!,
      cz = positions[c + 2]!;
    volume += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
  }
  return volume / 6;
}
