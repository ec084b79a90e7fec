import { edgeCountOf, slotOf, type MeshLevel } from './meshTopology';

/** Number of input features per edge. */
export const EDGE_FEATURE_COUNT = 5;

/**
 * MeshCNN's five input features per edge, row-major #E×5:
 * [dihedral angle, smaller opposite angle, larger opposite angle, smaller height/length ratio, larger ratio].
 *
 * With the edge in slot k of its first face: p1 = v_k, p0 = v_{k+1}, p2 = v_{k+2} (opposite vertex there), and
 * p3 = the opposite vertex in the second face (p2 again on a boundary), as in MeshCNN's `get_side_points`.
 * - dihedral: π − acos(n_a·n_b), n_a = (p2−p0)×(p1−p0), n_b = (p3−p1)×(p0−p1) (π where flat, 0 on a boundary);
 * - opposite angles: the angles at p2 and p3 of their triangles, sorted (order-invariant);
 * - ratios: the height of p2 (p3) over the edge divided by the edge's length, sorted.
 */
export function computeEdgeFeatures(level: MeshLevel, out?: Float32Array): Float32Array {
  const edgeCount = edgeCountOf(level);
  const features = out ?? new Float32Array(edgeCount * EDGE_FEATURE_COUNT);
  const { positions: P, faces, faceEdges, edgeFaces } = level;
  for (let e = 0; e < edgeCount; e++) {
    const f1 = edgeFaces[2 * e]!;
    const f2 = edgeFaces[2 * e + 1]!;
    const k = slotOf(faceEdges, f1, e);
    const i1 = 3 * faces[3 * f1 + k]!;
    const i0 = 3 * faces[3 * f1 + ((k + 1) % 3)]!;
    const i2 = 3 * faces[3 * f1 + ((k + 2) % 3)]!;
    const i3 = f2 < 0 ? i2 : 3 * faces[3 * f2 + ((slotOf(faceEdges, f2, e) + 2) % 3)]!;
    const x0 = P[i0]!,
      y0 = P[i0 + 1]!,
      z0 = P[i0 + 2]!;
    const x1 = P[i1]!,
      y1 = P[i1 + 1]!,
      z1 = P[i1 + 2]!;
    const x2 = P[i2]!,
      y2 = P[i2 + 1]!,
      z2 = P[i2 + 2]!;
    const x3 = P[i3]!,
      y3 = P[i3 + 1]!,
      z3 = P[i3 + 2]!;

    // Dihedral angle from the two face normals n_a = u × v, n_b = w × t (u = p2−p0, v = p1−p0, w = p3−p1,
    // t = p0−p1), each divided by its length (a degenerate face's zero normal by 0.1, as MeshCNN).
    const ux = x2 - x0,
      uy = y2 - y0,
      uz = z2 - z0;
    const vx = x1 - x0,
      vy = y1 - y0,
      vz = z1 - z0;
    const wx = x3 - x1,
      wy = y3 - y1,
      wz = z3 - z1;
    const tx = x0 - x1,
      ty = y0 - y1,
      tz = z0 - z1;
    const nax = uy * vz - uz * vy,
      nay = uz * vx - ux * vz,
      naz = ux * vy - uy * vx;
    const nbx = wy * tz - wz * ty,
      nby = wz * tx - wx * tz,
      nbz = wx * ty - wy * tx;
    const la = Math.sqrt(nax * nax + nay * nay + naz * naz) || 0.1;
    const lb = Math.sqrt(nbx * nbx + nby * nby + nbz * nbz) || 0.1;
    const dihedral = Math.PI - Math.acos(clamp((nax * nbx + nay * nby + naz * nbz) / (la * lb)));

    const angleA = angleAt(x2, y2, z2, x0, y0, z0, x1, y1, z1);
    const angleB = angleAt(x3, y3, z3, x1, y1, z1, x0, y0, z0);
    const ratioA = heightRatio(x2, y2, z2, x0, y0, z0, x1, y1, z1);
    const ratioB = heightRatio(x3, y3, z3, x1, y1, z1, x0, y0, z0);

    const o = e * EDGE_FEATURE_COUNT;
    features[o] = dihedral;
    features[o + 1] = Math.min(angleA, angleB);
    features[o + 2] = Math.max(angleA, angleB);
    features[o + 3] = Math.min(ratioA, ratioB);
    features[o + 4] = Math.max(ratioA, ratioB);
  }
  return features;
}

/**
 * The angle at o between the directions to a and b, by MeshCNN's formula (acos, a zero length read as
 * 0.1) rather than geometry/triangles.ts's cornerAngle: the shipped models learned from these values,
 * degenerate faces included.
 */
function angleAt(
  ox: number,
  oy: number,
  oz: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): number {
  const ux = ax - ox,
    uy = ay - oy,
    uz = az - oz;
  const vx = bx - ox,
    vy = by - oy,
    vz = bz - oz;
  // sqrt of the sum rather than Math.hypot, which is several times slower in V8
  const lu = Math.sqrt(ux * ux + uy * uy + uz * uz) || 0.1;
  const lv = Math.sqrt(vx * vx + vy * vy + vz * vz) || 0.1;
  return Math.acos(clamp((ux * vx + uy * vy + uz * vz) / (lu * lv)));
}

/** Distance of o from the line a→b divided by |b − a|. */
function heightRatio(
  ox: number,
  oy: number,
  oz: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): number {
  const lx = bx - ax,
    ly = by - ay,
    lz = bz - az;
  const length2 = lx * lx + ly * ly + lz * lz;
  const length = Math.sqrt(length2) || 0.1;
  const t = length2 > 0 ? (lx * (ox - ax) + ly * (oy - ay) + lz * (oz - az)) / length2 : 0;
  const dx = ox - (ax + t * lx),
    dy = oy - (ay + t * ly),
    dz = oz - (az + t * lz);
  return Math.sqrt(dx * dx + dy * dy + dz * dz) / length;
}

function clamp(x: number): number {
  return x < -1 ? -1 : x > 1 ? 1 : x;
}
