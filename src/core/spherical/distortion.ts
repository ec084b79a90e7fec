import { cornerAngle, signedVolume } from '../geometry/triangles';

type Positions = Float32Array | Float64Array;

/**
 * How far a sphere map is from conformal and from area-preserving, with the exact definitions of the
 * native cMCF reference (../shared/tools/cmcf-native/README.md, "Quality"): each input triangle T_f
 * is compared with the chordal triangle T'_f spanned by its vertices on the unit sphere. Input
 * triangles of zero area are left out of the means and counted in `degenerateFaces`.
 */
export interface SphereMapQuality {
  /** Faces with σ·dot((s_b−s_a)×(s_c−s_a), s_a+s_b+s_c) < 0, σ = sign of the input's signed volume. */
  flippedTriangles: number;
  /** Faces where that product is exactly 0. */
  zeroAreaOnSphere: number;
  /** Input faces of zero area (left out). */
  degenerateFaces: number;
  /** True when the input encloses positive signed volume (faces wound outward). */
  inputOutward: boolean;
  /** σ1/σ2 − 1 of the affine map T_f → T'_f: unweighted mean and max over faces (Infinity if some T'_f is flat). */
  quasiConformalMean: number;
  quasiConformalMax: number;
  /** |θ′−θ|/θ over all corners: unweighted mean and max. */
  angleDistortionMean: number;
  angleDistortionMax: number;
  /** |ln(a′_f/a_f)| with both area sets normalised to total 1: mean and max over faces. */
  areaDistortionMean: number;
  areaDistortionMax: number;
  /** Shortest edge of any T'_f on the unit sphere. */
  minSphereEdge: number;
}

/** Per-face values for colour maps: #F each (NaN for degenerate input faces). */
export interface SphereMapFaceValues {
  /** Mean over the face's three corners of |θ′−θ|/θ. */
  angleDistortion: Float64Array;
  /** ln(a′_f/a_f), signed (negative: shrunk on the sphere), areas normalised to total 1. */
  areaDistortion: Float64Array;
}

/**
 * The orientation of face f's chordal triangle against the outward direction s_a + s_b + s_c:
 * ((s_b−s_a)×(s_c−s_a))·(s_a+s_b+s_c). Times the input's orientation σ, negative means flipped.
 */
export function sphereFaceOrientation(sphere: Float64Array, indices: Uint32Array, f: number): number {
  const a = 3 * indices[3 * f];
  const b = 3 * indices[3 * f + 1];
  const c = 3 * indices[3 * f + 2];
  const g1x = sphere[b] - sphere[a];
  const g1y = sphere[b + 1] - sphere[a + 1];
  const g1z = sphere[b + 2] - sphere[a + 2];
  const g2x = sphere[c] - sphere[a];
  const g2y = sphere[c + 1] - sphere[a + 1];
  const g2z = sphere[c + 2] - sphere[a + 2];
  const nx = g1y * g2z - g1z * g2y;
  const ny = g1z * g2x - g1x * g2z;
  const nz = g1x * g2y - g1y * g2x;
  return (
    nx * (sphere[a] + sphere[b] + sphere[c]) +
    ny * (sphere[a + 1] + sphere[b + 1] + sphere[c + 1]) +
    nz * (sphere[a + 2] + sphere[b + 2] + sphere[c + 2])
  );
}

/**
 * original: #V×3 input positions; sphere: #V×3 unit vectors; indices: #F×3.
 * Pass `faceValues` to also receive the per-face distortions.
 */
export function measureSphereMap(
  original: Positions,
  sphere: Float64Array,
  indices: Uint32Array,
  faceValues?: SphereMapFaceValues,
): SphereMapQuality {
  const faceCount = indices.length / 3;
  const sigma = signedVolume(original, indices) >= 0 ? 1 : -1;
  let area0 = 0;
  let areaS = 0;
  for (let f = 0; f < faceCount; f++) {
    area0 += 0.5 * Math.sqrt(Math.max(gram(original, indices, f).det, 0));
    areaS += 0.5 * Math.sqrt(Math.max(gram(sphere, indices, f).det, 0));
  }
  let flipped = 0;
  let zero = 0;
  let skipped = 0;
  let triangles = 0;
  let corners = 0;
  let qcSum = 0;
  let qcMax = 0;
  let qcInfinite = false;
  let angleSum = 0;
  let angleMax = 0;
  let areaSum = 0;
  let areaMax = 0;
  let minEdgeSq = Infinity;
  for (let f = 0; f < faceCount; f++) {
    const b = 3 * indices[3 * f + 1];
    const c = 3 * indices[3 * f + 2];
    const orient = sigma * sphereFaceOrientation(sphere, indices, f);
    if (orient < 0) flipped++;
    if (orient === 0) zero++;

    const G = gram(original, indices, f);
    const H = gram(sphere, indices, f);
    const ebc =
      (sphere[c] - sphere[b]) ** 2 +
      (sphere[c + 1] - sphere[b + 1]) ** 2 +
      (sphere[c + 2] - sphere[b + 2]) ** 2;
    minEdgeSq = Math.min(minEdgeSq, H.e11, H.e22, ebc);
    const a0 = 0.5 * Math.sqrt(Math.max(G.det, 0));
    if (!(a0 > 0)) {
      skipped++;
      if (faceValues) {
        faceValues.angleDistortion[f] = NaN;
        faceValues.areaDistortion[f] = NaN;
      }
      continue;
    }
    triangles++;
    // σ1²/σ2² are the eigenvalues of G⁻¹H, so σ1/σ2 + σ2/σ1 = tr(G⁻¹H)/√(det H/det G).
    let qc: number;
    if (H.det > 0) {
      const trace = (G.e22 * H.e11 - 2 * G.e12 * H.e12 + G.e11 * H.e22) / G.det;
      const s = trace / Math.sqrt(H.det / G.det);
      qc = 0.5 * (s + Math.sqrt(Math.max(s * s - 4, 0))) - 1;
      qcSum += qc;
    } else {
      qc = Infinity;
      qcInfinite = true;
    }
    qcMax = Math.max(qcMax, qc);

    const aS = 0.5 * Math.sqrt(Math.max(H.det, 0));
    const logRatio = Math.log(aS / areaS / (a0 / area0));
    const areaLog = Math.abs(logRatio);
    areaSum += areaLog;
    areaMax = Math.max(areaMax, areaLog);

    let faceAngle = 0;
    let faceCorners = 0;
    for (let k = 0; k < 3; k++) {
      const o = 3 * indices[3 * f + k];
      const u = 3 * indices[3 * f + ((k + 1) % 3)];
      const v = 3 * indices[3 * f + ((k + 2) % 3)];
      const th0 = cornerAngle(
        original[o],
        original[o + 1],
        original[o + 2],
        original[u],
        original[u + 1],
        original[u + 2],
        original[v],
        original[v + 1],
        original[v + 2],
      );
      if (!(th0 > 0)) continue;
      const thS = cornerAngle(
        sphere[o],
        sphere[o + 1],
        sphere[o + 2],
        sphere[u],
        sphere[u + 1],
        sphere[u + 2],
        sphere[v],
        sphere[v + 1],
        sphere[v + 2],
      );
      const rel = Math.abs(thS - th0) / th0;
      angleSum += rel;
      angleMax = Math.max(angleMax, rel);
      corners++;
      faceAngle += rel;
      faceCorners++;
    }
    if (faceValues) {
      faceValues.angleDistortion[f] = faceCorners > 0 ? faceAngle / faceCorners : NaN;
      faceValues.areaDistortion[f] = logRatio;
    }
  }
  return {
    flippedTriangles: flipped,
    zeroAreaOnSphere: zero,
    degenerateFaces: skipped,
    inputOutward: sigma > 0,
    quasiConformalMean: qcInfinite ? Infinity : qcSum / Math.max(triangles, 1),
    quasiConformalMax: qcMax,
    angleDistortionMean: angleSum / Math.max(corners, 1),
    angleDistortionMax: angleMax,
    areaDistortionMean: areaSum / Math.max(triangles, 1),
    areaDistortionMax: areaMax,
    minSphereEdge: Math.sqrt(minEdgeSq),
  };
}

/** First fundamental form of face f in its edge basis (e1 = x_b − x_a, e2 = x_c − x_a). */
function gram(
  x: Positions,
  indices: Uint32Array,
  f: number,
): { e11: number; e12: number; e22: number; det: number } {
  const a = 3 * indices[3 * f];
  const b = 3 * indices[3 * f + 1];
  const c = 3 * indices[3 * f + 2];
  const ux = x[b] - x[a];
  const uy = x[b + 1] - x[a + 1];
  const uz = x[b + 2] - x[a + 2];
  const vx = x[c] - x[a];
  const vy = x[c + 1] - x[a + 1];
  const vz = x[c + 2] - x[a + 2];
  const e11 = ux * ux + uy * uy + uz * uz;
  const e12 = ux * vx + uy * vy + uz * vz;
  const e22 = vx * vx + vy * vy + vz * vz;
  return { e11, e12, e22, det: e11 * e22 - e12 * e12 };
}
