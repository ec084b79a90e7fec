import type { MeshPattern } from './meshPattern';

type Positions = Float32Array | Float64Array;

/**
 * Relative floor on a triangle's doubled area when dividing by it: a face whose area is below
 * 1e-12 of its squared edge lengths is treated as that thin. Keeps entries bounded on degenerate
 * faces while every element matrix stays positive semi-definite (see assembleStiffness).
 */
const AREA_FLOOR = 1e-12;

/**
 * Adds scale·L to `values` (upper triangle on `mp.pattern`), where L is the cotangent stiffness
 * matrix (the P1 finite-element Dirichlet energy, positive semi-definite):
 *   L_ij = −½ (cot α_ij + cot β_ij),  L_ii = −Σ_j L_ij.
 *
 * Per face it uses the identity ½ cot θ_k = −(e_i · e_j) / (4A) with e_i the edge vector opposite
 * corner i (e_0 + e_1 + e_2 = 0), so the element matrix is the Gram matrix of the edge vectors
 * divided by 4A: positive semi-definite for any triangle — obtuse, needle or cap — and with zero
 * row sums, whatever floor A gets on near-degenerate faces.
 */
export function addStiffness(
  mp: MeshPattern,
  positions: Positions,
  indices: Uint32Array,
  values: Float64Array,
  scale = 1,
): void {
  const { edgeSlots, diagSlots } = mp;
  const faceCount = indices.length / 3;
  for (let f = 0; f < faceCount; f++) {
    const i0 = indices[3 * f];
    const i1 = indices[3 * f + 1];
    const i2 = indices[3 * f + 2];
    // e0 = x2 − x1 (opposite corner 0), e1 = x0 − x2, e2 = x1 − x0.
    const e0x = positions[3 * i2] - positions[3 * i1];
    const e0y = positions[3 * i2 + 1] - positions[3 * i1 + 1];
    const e0z = positions[3 * i2 + 2] - positions[3 * i1 + 2];
    const e1x = positions[3 * i0] - positions[3 * i2];
    const e1y = positions[3 * i0 + 1] - positions[3 * i2 + 1];
    const e1z = positions[3 * i0 + 2] - positions[3 * i2 + 2];
    const e2x = -e0x - e1x;
    const e2y = -e0y - e1y;
    const e2z = -e0z - e1z;
    const cx = e1y * e2z - e1z * e2y;
    const cy = e1z * e2x - e1x * e2z;
    const cz = e1x * e2y - e1y * e2x;
    const g00 = e0x * e0x + e0y * e0y + e0z * e0z;
    const g11 = e1x * e1x + e1y * e1y + e1z * e1z;
    const g22 = e2x * e2x + e2y * e2y + e2z * e2z;
    const twiceArea = Math.max(Math.sqrt(cx * cx + cy * cy + cz * cz), AREA_FLOOR * (g00 + g11 + g22));
    if (!(twiceArea > 0)) continue; // all three vertices coincide: no energy
    const w = scale / (2 * twiceArea); // 1 / (4A)
    values[diagSlots[i0]] += w * g00;
    values[diagSlots[i1]] += w * g11;
    values[diagSlots[i2]] += w * g22;
    values[edgeSlots[3 * f]] += w * (e1x * e2x + e1y * e2y + e1z * e2z);
    values[edgeSlots[3 * f + 1]] += w * (e2x * e0x + e2y * e0y + e2z * e0z);
    values[edgeSlots[3 * f + 2]] += w * (e0x * e1x + e0y * e1y + e0z * e1z);
  }
}

export type MassKind = 'fem' | 'lumped';

/**
 * Adds the mass matrix M to `values` given the face areas (#F):
 * - 'fem': Σ_f A_f/12 · [[2,1,1],[1,2,1],[1,1,2]] (the P1 consistent mass matrix);
 * - 'lumped': M_ii = Σ_{f∋i} A_f/3 (barycentric areas).
 */
export function addMass(
  mp: MeshPattern,
  areas: Float64Array,
  indices: Uint32Array,
  kind: MassKind,
  values: Float64Array,
): void {
  const { edgeSlots, diagSlots } = mp;
  const faceCount = areas.length;
  if (kind === 'lumped') {
    for (let f = 0; f < faceCount; f++) {
      const third = areas[f] / 3;
      values[diagSlots[indices[3 * f]]] += third;
      values[diagSlots[indices[3 * f + 1]]] += third;
      values[diagSlots[indices[3 * f + 2]]] += third;
    }
    return;
  }
  for (let f = 0; f < faceCount; f++) {
    const off = areas[f] / 12;
    const diag = 2 * off;
    values[diagSlots[indices[3 * f]]] += diag;
    values[diagSlots[indices[3 * f + 1]]] += diag;
    values[diagSlots[indices[3 * f + 2]]] += diag;
    values[edgeSlots[3 * f]] += off;
    values[edgeSlots[3 * f + 1]] += off;
    values[edgeSlots[3 * f + 2]] += off;
  }
}

/**
 * out = M·x for 3 interleaved columns (x, out: #V×3) without assembling M, from face areas (#F).
 */
export function multiplyMass(
  areas: Float64Array,
  indices: Uint32Array,
  kind: MassKind,
  x: Float64Array,
  out: Float64Array,
): void {
  out.fill(0);
  // One loop per function, unrolled over the 3 columns (it runs every flow step).
  if (kind === 'lumped') multiplyLumpedMass(areas, indices, x, out);
  else multiplyFemMass(areas, indices, x, out);
}

function multiplyLumpedMass(
  areas: Float64Array,
  indices: Uint32Array,
  x: Float64Array,
  out: Float64Array,
): void {
  for (let f = 0; f < areas.length; f++) {
    const a = 3 * indices[3 * f];
    const b = 3 * indices[3 * f + 1];
    const c = 3 * indices[3 * f + 2];
    const third = areas[f] / 3;
    out[a] += third * x[a];
    out[a + 1] += third * x[a + 1];
    out[a + 2] += third * x[a + 2];
    out[b] += third * x[b];
    out[b + 1] += third * x[b + 1];
    out[b + 2] += third * x[b + 2];
    out[c] += third * x[c];
    out[c + 1] += third * x[c + 1];
    out[c + 2] += third * x[c + 2];
  }
}

function multiplyFemMass(
  areas: Float64Array,
  indices: Uint32Array,
  x: Float64Array,
  out: Float64Array,
): void {
  for (let f = 0; f < areas.length; f++) {
    const a = 3 * indices[3 * f];
    const b = 3 * indices[3 * f + 1];
    const c = 3 * indices[3 * f + 2];
    const w = areas[f] / 12;
    // (2x_a + x_b + x_c)·A/12 = (x_a + s)·A/12 with s = x_a + x_b + x_c, per coordinate.
    const s0 = x[a] + x[b] + x[c];
    const s1 = x[a + 1] + x[b + 1] + x[c + 1];
    const s2 = x[a + 2] + x[b + 2] + x[c + 2];
    out[a] += w * (x[a] + s0);
    out[b] += w * (x[b] + s0);
    out[c] += w * (x[c] + s0);
    out[a + 1] += w * (x[a + 1] + s1);
    out[b + 1] += w * (x[b + 1] + s1);
    out[c + 1] += w * (x[c + 1] + s1);
    out[a + 2] += w * (x[a + 2] + s2);
    out[b + 2] += w * (x[b + 2] + s2);
    out[c + 2] += w * (x[c + 2] + s2);
  }
}

/**
 * Adds scale·L for a triangulation given only by its edge lengths (an intrinsic triangulation):
 * faces #F×3 with lengths #F×3 (the edge opposite each corner), writing through `edgeSlots`
 * (#F×3, the slot of the edge opposite each corner) and `diagSlots`. Uses ½ cot θ_k =
 * (l_i² + l_j² − l_k²)/(8A), with the same area floor as `addStiffness`.
 */
export function addStiffnessFromLengths(
  edgeSlots: Int32Array,
  diagSlots: Int32Array,
  faces: Uint32Array,
  lengths: Float64Array,
  values: Float64Array,
  scale = 1,
): void {
  const faceCount = faces.length / 3;
  for (let f = 0; f < faceCount; f++) {
    const s0 = lengths[3 * f] ** 2;
    const s1 = lengths[3 * f + 1] ** 2;
    const s2 = lengths[3 * f + 2] ** 2;
    // 16A² = 2(s0s1 + s1s2 + s2s0) − (s0² + s1² + s2²)
    const area16sq = 2 * (s0 * s1 + s1 * s2 + s2 * s0) - (s0 * s0 + s1 * s1 + s2 * s2);
    const twiceArea = Math.max(0.5 * Math.sqrt(Math.max(area16sq, 0)), AREA_FLOOR * (s0 + s1 + s2));
    if (!(twiceArea > 0)) continue;
    const w = scale / (4 * twiceArea); // 1/(8A)
    // −½ cot θ_k on the edge opposite corner k; the diagonal gets the negated row sums.
    const o0 = -w * (s1 + s2 - s0);
    const o1 = -w * (s2 + s0 - s1);
    const o2 = -w * (s0 + s1 - s2);
    values[edgeSlots[3 * f]] += o0;
    values[edgeSlots[3 * f + 1]] += o1;
    values[edgeSlots[3 * f + 2]] += o2;
    values[diagSlots[faces[3 * f]]] -= o1 + o2;
    values[diagSlots[faces[3 * f + 1]]] -= o2 + o0;
    values[diagSlots[faces[3 * f + 2]]] -= o0 + o1;
  }
}
