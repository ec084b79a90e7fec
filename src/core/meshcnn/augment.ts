import { computeEdgeFeatures, EDGE_FEATURE_COUNT } from './edgeFeatures';
import { edgeCountOf, fillGemm, slotOf, type MeshLevel } from './meshTopology';
import { gaussian } from './meshUNet';

/** MeshCNN's training augmentations (its defaults for human_seg: slide 0.2, scaling, flips 0.2). */
export interface AugmentOptions {
  /** Std of the per-axis scale factors around 1 (anisotropic scaling). */
  scaleStd: number;
  /** Fraction of vertices slid along one of their edges (only in flat regions, as MeshCNN). */
  slideFraction: number;
  /** Fraction of edges flipped (only flat ones whose flip keeps the mesh manifold). Keeps edge ids and labels. */
  flipFraction: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = { scaleStd: 0.1, slideFraction: 0.2, flipFraction: 0.2 };

/** Returns a perturbed copy of the level (same edge count and ids, so per-edge labels still apply). */
export function augmentLevel(level: MeshLevel, options: AugmentOptions, random: () => number): MeshLevel {
  const out: MeshLevel = {
    positions: Float64Array.from(level.positions),
    faces: Int32Array.from(level.faces),
    faceEdges: Int32Array.from(level.faceEdges),
    edges: Int32Array.from(level.edges),
    edgeFaces: Int32Array.from(level.edgeFaces),
    gemm: Int32Array.from(level.gemm),
  };
  if (options.flipFraction > 0) flipEdges(out, options.flipFraction, random);
  if (options.slideFraction > 0) slideVertices(out, options.slideFraction, random);
  if (options.scaleStd > 0) {
    const s = [0, 1, 2].map(() => 1 + options.scaleStd * gaussian(random));
    for (let i = 0; i < out.positions.length; i++) out.positions[i]! *= s[i % 3]!;
  }
  return out;
}

/** Dihedral angle above which a region counts as flat enough to slide or flip in (MeshCNN: 2.65 / 2.7 rad). */
const SLIDE_MIN_DIHEDRAL = 2.65;
const FLIP_MIN_DIHEDRAL = 2.7;

function slideVertices(level: MeshLevel, fraction: number, random: () => number): void {
  const features = computeEdgeFeatures(level);
  const vertexCount = level.positions.length / 3;
  const edgeCount = edgeCountOf(level);
  // Incident edges per vertex (CSR).
  const offsets = new Int32Array(vertexCount + 1);
  for (let i = 0; i < 2 * edgeCount; i++) offsets[level.edges[i]! + 1]!++;
  for (let v = 0; v < vertexCount; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, vertexCount);
  const incident = new Int32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++)
    for (let s = 0; s < 2; s++) incident[fill[level.edges[2 * e + s]!]!++] = e;
  const P = level.positions;
  for (let v = 0; v < vertexCount; v++) {
    if (random() >= fraction) continue;
    const start = offsets[v]!,
      end = offsets[v + 1]!;
    if (end === start) continue;
    let flat = true;
    for (let i = start; i < end; i++)
      if (features[incident[i]! * EDGE_FEATURE_COUNT]! < SLIDE_MIN_DIHEDRAL) flat = false;
    if (!flat) continue;
    const e = incident[start + Math.floor(random() * (end - start))]!;
    const w = level.edges[2 * e]! === v ? level.edges[2 * e + 1]! : level.edges[2 * e]!;
    const t = 0.2 + 0.3 * random(); // MeshCNN slides 20–50 % of the way along the edge
    for (let c = 0; c < 3; c++) P[3 * v + c] = P[3 * v + c]! + t * (P[3 * w + c]! - P[3 * v + c]!);
  }
}

/**
 * Flips edge e = (p, q) with opposite vertices a, b into (a, b), keeping its id: the faces (p,q,a), (q,p,b)
 * become (p,b,a), (q,a,b) — same orientation. Skipped where (a, b) already exists or p or q has valence 3
 * (the flip would leave a valence-2 vertex).
 */
function flipEdges(level: MeshLevel, fraction: number, random: () => number): void {
  const features = computeEdgeFeatures(level);
  const edgeCount = edgeCountOf(level);
  const vertexCount = level.positions.length / 3;
  // Neighbour sets for the "edge (a,b) exists" test, as sorted pair keys.
  const existing = new Set<number>();
  const key = (u: number, v: number) => (u < v ? u * vertexCount + v : v * vertexCount + u);
  for (let e = 0; e < edgeCount; e++) existing.add(key(level.edges[2 * e]!, level.edges[2 * e + 1]!));
  const { faces, faceEdges, edgeFaces, edges } = level;
  const valence = new Int32Array(vertexCount);
  for (let i = 0; i < 2 * edgeCount; i++) valence[edges[i]!]!++;
  for (let e = 0; e < edgeCount; e++) {
    if (random() >= fraction || features[e * EDGE_FEATURE_COUNT]! < FLIP_MIN_DIHEDRAL) continue;
    const f1 = edgeFaces[2 * e]!,
      f2 = edgeFaces[2 * e + 1]!;
    if (f1 < 0 || f2 < 0) continue;
    const k1 = slotOf(faceEdges, f1, e),
      k2 = slotOf(faceEdges, f2, e);
    const p = faces[3 * f1 + k1]!,
      q = faces[3 * f1 + ((k1 + 1) % 3)]!,
      a = faces[3 * f1 + ((k1 + 2) % 3)]!;
    const b = faces[3 * f2 + ((k2 + 2) % 3)]!;
    if (a === b || valence[p]! <= 3 || valence[q]! <= 3 || existing.has(key(a, b))) continue;
    // The quad's boundary runs p→b→q→a: f1 = (p, q, a) holds qa, ap; f2 = (q, p, b) holds pb, bq.
    const qa = faceEdges[3 * f1 + ((k1 + 1) % 3)]!,
      ap = faceEdges[3 * f1 + ((k1 + 2) % 3)]!;
    const pb = faceEdges[3 * f2 + ((k2 + 1) % 3)]!,
      bq = faceEdges[3 * f2 + ((k2 + 2) % 3)]!;
    faces.set([p, b, a], 3 * f1);
    faceEdges.set([pb, e, ap], 3 * f1);
    faces.set([q, a, b], 3 * f2);
    faceEdges.set([qa, e, bq], 3 * f2);
    edges[2 * e] = b;
    edges[2 * e + 1] = a;
    // pb moved from f2 to f1, qa from f1 to f2.
    replaceFace(edgeFaces, pb, f2, f1);
    replaceFace(edgeFaces, qa, f1, f2);
    valence[p]!--;
    valence[q]!--;
    valence[a]!++;
    valence[b]!++;
    existing.delete(key(p, q));
    existing.add(key(a, b));
  }
  fillGemm(level);
}

function replaceFace(edgeFaces: Int32Array, e: number, from: number, to: number): void {
  if (edgeFaces[2 * e] === from) edgeFaces[2 * e] = to;
  else if (edgeFaces[2 * e + 1] === from) edgeFaces[2 * e + 1] = to;
}
