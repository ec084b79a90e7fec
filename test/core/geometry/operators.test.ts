import { describe, expect, it } from 'vitest';
import { meshPattern } from '../../../src/core/geometry/meshPattern';
import { addMass, addStiffness, multiplyMass } from '../../../src/core/geometry/operators';
import { cornerAngles, faceAreas, signedVolume, vertexAreas } from '../../../src/core/geometry/triangles';
import { symmetricMultiply } from '../../../src/core/sparse/SymmetricPattern';
import { hasShared, loadSharedMesh } from '../../helpers/shared';
import { maxAbs, maxAbsDiff, rng, toDense } from '../sparse/denseHelpers';

/** Smallest eigenvalue of a small dense symmetric matrix (Jacobi rotations). */
function minEigenvalue(a: Float64Array[]): number {
  const n = a.length;
  const m = a.map((r) => Float64Array.from(r));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(m[p][q]) < 1e-300) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
      }
  }
  return Math.min(...m.map((r, i) => r[i]));
}

const tetrahedron = {
  positions: Float64Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]),
  indices: Uint32Array.from([0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]),
};

function stiffness(positions: Float64Array, indices: Uint32Array) {
  const mp = meshPattern(indices, positions.length / 3);
  const values = new Float64Array(mp.pattern.nnz);
  addStiffness(mp, positions, indices, values);
  return { mp, values, dense: toDense(mp.pattern, values) };
}

describe('cotangent stiffness', () => {
  it('matches hand-computed values on one triangle (½ cot of the opposite angle)', () => {
    // Right angle at vertex 0, 45° at vertices 1 and 2.
    const { dense } = stiffness(Float64Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0]), Uint32Array.from([0, 1, 2]));
    // L_12 = −½ cot 90° = 0; L_01 = −½ cot 45° = −½; L_00 = ½ + ½ = 1; L_11 = ½ (cot 45° + cot 90°) = ½.
    expect(dense[1][2]).toBeCloseTo(0, 14);
    expect(dense[0][1]).toBeCloseTo(-0.5, 14);
    expect(dense[0][2]).toBeCloseTo(-0.5, 14);
    expect(dense[0][0]).toBeCloseTo(1, 14);
    expect(dense[1][1]).toBeCloseTo(0.5, 14);
  });

  it('gives a positive entry for an obtuse angle and stays symmetric PSD', () => {
    // 120° at vertex 0: cot = −1/√3, so L_12 = +1/(2√3).
    const p = Float64Array.from([
      0,
      0,
      0,
      1,
      0,
      0,
      Math.cos((2 * Math.PI) / 3),
      Math.sin((2 * Math.PI) / 3),
      0,
    ]);
    const { dense } = stiffness(p, Uint32Array.from([0, 1, 2]));
    expect(dense[1][2]).toBeCloseTo(1 / (2 * Math.sqrt(3)), 12);
    expect(minEigenvalue(dense)).toBeGreaterThan(-1e-12);
  });

  it('matches hand-computed values on the unit tetrahedron', () => {
    const { dense } = stiffness(tetrahedron.positions, tetrahedron.indices);
    // Edge (1,2) (length √2) is opposite vertex 0 in face (0,2,1) (angle 90°) and vertex 3 in face
    // (1,2,3) (equilateral, 60°): L_12 = −½ (0 + 1/√3).
    expect(dense[1][2]).toBeCloseTo(-0.5 / Math.sqrt(3), 12);
    // Edge (0,1) is opposite 45° angles in two right triangles: L_01 = −½ (1 + 1) = −1.
    expect(dense[0][1]).toBeCloseTo(-1, 12);
    expect(dense[0][0]).toBeCloseTo(3, 12);
  });

  it('satisfies L·1 = 0, symmetry and positive semi-definiteness, also with needle and cap triangles', () => {
    const random = rng(4);
    const positions = Float64Array.from(tetrahedron.positions);
    // An almost flat cap: vertex 3 pushed nearly into face (0, 1, 2); and a needle: 1 nearly on 0.
    for (const [v, xyz] of [
      [3, [0.3, 0.3, 1e-9]],
      [1, [1e-9, 0, 0]],
      [2, [0.5 + random() * 1e-12, 1e-13, 0]],
    ] as const) {
      positions.set(xyz, 3 * v);
      const { mp, values, dense } = stiffness(positions, tetrahedron.indices);
      const ones = new Float64Array(4).fill(1);
      const out = new Float64Array(4);
      symmetricMultiply(mp.pattern, values, ones, out, 1);
      expect(maxAbs(out)).toBeLessThan(1e-9 * maxAbs(values));
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(dense[i][j]).toBe(dense[j][i]);
      expect(Number.isFinite(maxAbs(values))).toBe(true);
      expect(minEigenvalue(dense)).toBeGreaterThan(-1e-9 * maxAbs(values));
    }
  });

  it.skipIf(!hasShared)('has zero row sums and Dirichlet energy xᵀLx = 2·area on spot_low', () => {
    const mesh = loadSharedMesh('spot_low.obj');
    const x = Float64Array.from(mesh.positions);
    const { mp, values } = stiffness(x, mesh.indices);
    const n = x.length / 3;
    const ones = new Float64Array(n).fill(1);
    const out = new Float64Array(n);
    symmetricMultiply(mp.pattern, values, ones, out, 1);
    expect(maxAbs(out)).toBeLessThan(1e-10 * maxAbs(values));
    // Σ_c x_cᵀ L x_c = ∫|∇x|² = 2·area for the coordinate functions of a surface.
    const lx = new Float64Array(3 * n);
    symmetricMultiply(mp.pattern, values, x, lx, 3);
    let energy = 0;
    for (let i = 0; i < 3 * n; i++) energy += x[i] * lx[i];
    const area = faceAreas(x, mesh.indices).reduce((a, b) => a + b, 0);
    expect(energy / (2 * area)).toBeCloseTo(1, 10);
  });
});

describe('mass matrices', () => {
  it('FEM: A/12·[[2,1,1],[1,2,1],[1,1,2]] per face; lumped: A/3 on the diagonal; both sum to the area', () => {
    const { positions, indices } = tetrahedron;
    const areas = faceAreas(positions, indices);
    const total = areas.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1.5 + Math.sqrt(3) / 2, 14);
    for (const kind of ['fem', 'lumped'] as const) {
      const mp = meshPattern(indices, 4);
      const values = new Float64Array(mp.pattern.nnz);
      addMass(mp, areas, indices, kind, values);
      const dense = toDense(mp.pattern, values);
      let sum = 0;
      for (const row of dense) for (const v of row) sum += v;
      expect(sum).toBeCloseTo(total, 14);
      // Vertex 0 lies in three right triangles of area ½.
      expect(dense[0][0]).toBeCloseTo(kind === 'fem' ? 3 * (0.5 / 6) : 3 * (0.5 / 3), 14);
      expect(dense[0][1]).toBeCloseTo(kind === 'fem' ? 2 * (0.5 / 12) : 0, 14);
      expect(minEigenvalue(dense)).toBeGreaterThan(0);
      // The matrix-free product agrees with the assembled matrix.
      const x = Float64Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
      const y1 = new Float64Array(12);
      const y2 = new Float64Array(12);
      symmetricMultiply(mp.pattern, values, x, y1, 3);
      multiplyMass(areas, indices, kind, x, y2);
      expect(maxAbsDiff(y1, y2)).toBeLessThan(1e-15);
    }
  });

  it('vertex areas, corner angles and signed volume of the tetrahedron', () => {
    const { positions, indices } = tetrahedron;
    const w = vertexAreas(indices, faceAreas(positions, indices), 4);
    expect(w[0]).toBeCloseTo(0.5, 14);
    const angles = cornerAngles(positions, indices);
    expect(angles[0]).toBeCloseTo(Math.PI / 2, 14);
    expect(angles[9]).toBeCloseTo(Math.PI / 3, 14);
    expect(signedVolume(positions, indices)).toBeCloseTo(1 / 6, 14);
  });
});
