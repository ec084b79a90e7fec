import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseObjMesh } from '../../../src/core/io/parseObjMesh';
import { buildMeshLevel, edgeCountOf, type MeshLevel } from '../../../src/core/meshcnn/meshTopology';
import {
  poolFeatures,
  poolFeaturesBackward,
  poolMesh,
  unpoolFeatures,
  unpoolFeaturesBackward,
} from '../../../src/core/meshcnn/meshPool';
import { inspectMesh } from '../../../src/core/mesh/inspect';
import { datasetPath, hasShared } from '../../helpers/shared';

/** Closed 2-manifold checks by rebuilding the level from its faces: every edge in exactly two faces,
 *  no degenerate or repeated triangles, Euler characteristic 2 (genus 0 stays genus 0), gemm consistent. */
function expectClosedManifold(level: MeshLevel): void {
  // The mesh helper's inspector: closed, manifold (edges and vertices), consistently oriented, genus 0.
  const inspection = inspectMesh({ positions: level.positions, indices: Uint32Array.from(level.faces) });
  expect(inspection).toMatchObject({
    closed: true,
    manifold: true,
    orientable: true,
    genus: 0,
    components: 1,
    nonManifoldVertices: 0,
    inconsistentEdges: 0,
    duplicateFaces: 0,
  });
  const rebuilt = buildMeshLevel(level.positions, level.faces); // throws on non-manifold edges / degenerate faces
  expect(edgeCountOf(rebuilt)).toBe(edgeCountOf(level));
  expect(rebuilt.gemm.every((g) => g >= 0)).toBe(true);
  const F = level.faces.length / 3;
  const used = new Set(level.faces);
  expect(used.size - edgeCountOf(level) + F).toBe(2);
  const keys = new Set<string>();
  for (let f = 0; f < F; f++)
    keys.add(
      Array.from(level.faces.slice(3 * f, 3 * f + 3))
        .sort((a, b) => a - b)
        .join(),
    );
  expect(keys.size).toBe(F);
  // gemm neighbours of e are the other two edges of its faces, as stored in faceEdges.
  for (let e = 0; e < edgeCountOf(level); e++) {
    for (let side = 0; side < 2; side++) {
      const f = level.edgeFaces[2 * e + side]!;
      const fe = Array.from(level.faceEdges.slice(3 * f, 3 * f + 3));
      expect(fe).toContain(e);
      expect(fe).toContain(level.gemm[4 * e + 2 * side]);
      expect(fe).toContain(level.gemm[4 * e + 2 * side + 1]);
    }
  }
}

function pseudoRandom(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s / 2 ** 32;
  }
  return out;
}

describe.skipIf(!hasShared)('MeshCNN pooling on human_seg (2,250 → 1,800 → 1,350 → 600 edges)', () => {
  const mesh = parseObjMesh(readFileSync(datasetPath('human_seg', 'test', 'shrec__10.obj'), 'utf8'));
  const fine = buildMeshLevel(mesh.positions, mesh.indices);

  it('reaches each target and keeps the mesh a closed genus-0 manifold', () => {
    let level = fine;
    for (const [i, target] of [1800, 1350, 600].entries()) {
      const record = poolMesh(level, pseudoRandom(edgeCountOf(level), i + 1), target);
      expect(edgeCountOf(record.level)).toBe(target);
      expect(record.collapsed.length).toBe((edgeCountOf(level) - target) / 3);
      expectClosedManifold(record.level);
      level = record.level;
    }
  });

  it('does not change the finer level it pools (unpooling returns to that recorded connectivity)', () => {
    const before = Int32Array.from(fine.gemm);
    poolMesh(fine, pseudoRandom(2250, 7), 1800);
    expect(fine.gemm).toEqual(before);
  });

  it('collapses in the same order whether priorities come as float32 (packed-key sort) or plain numbers', () => {
    // Quantised priorities, so many ties: both paths must break them by edge id.
    const priorities = pseudoRandom(2250, 11).map((p) => Math.round(p * 50) / 50);
    const packed = poolMesh(fine, priorities, 1800);
    const compared = poolMesh(fine, Array.from(priorities), 1800);
    expect(packed.collapsed).toEqual(compared.collapsed);
    expect(packed.groupMembers).toEqual(compared.groupMembers);
    // A negative priority cannot be packed; the comparator sort takes over and still orders it first.
    const withNegative = Float32Array.from(priorities);
    withNegative[100] = -1;
    expect(poolMesh(fine, withNegative, 1800).collapsed[0]).toBe(100);
  });

  it('records groups in O(E) memory: every fine edge in at least one group', () => {
    const record = poolMesh(fine, pseudoRandom(2250, 3), 1800);
    expect(record.groupOffsets.length).toBe(1801);
    expect(record.groupMembers.length).toBeLessThanOrEqual(2 * 2250);
    expect(record.occurrences.every((o) => o >= 1)).toBe(true);
    // A collapsed edge is copied into the two edges that absorbed its triangles (more if one of those
    // collapses later), never into none.
    for (const e of record.collapsed) expect(record.occurrences[e]).toBeGreaterThanOrEqual(2);
  });

  it('pools by averaging groups and unpools by averaging the groups that hold an edge', () => {
    const record = poolMesh(fine, pseudoRandom(2250, 5), 1800);
    const C = 3;
    const constant = new Float32Array(2250 * C).fill(2.5);
    expect(poolFeatures(record, constant, C).every((x) => Math.abs(x - 2.5) < 1e-6)).toBe(true);
    const coarse = pseudoRandom(1800 * C, 9);
    const up = unpoolFeatures(record, coarse, C);
    // A surviving edge that absorbed nothing and was absorbed by nobody keeps its own value.
    const j = Array.from({ length: 1800 }, (_, i) => i).find(
      (i) =>
        record.groupOffsets[i + 1]! - record.groupOffsets[i]! === 1 &&
        record.occurrences[record.groupMembers[record.groupOffsets[i]!]!] === 1,
    )!;
    const m = record.groupMembers[record.groupOffsets[j]!]!;
    expect(up[m * C]).toBeCloseTo(coarse[j * C]!, 6);
  });

  it('has backward passes that are the adjoints of pooling and unpooling', () => {
    const record = poolMesh(fine, pseudoRandom(2250, 11), 1800);
    const C = 2;
    const x = pseudoRandom(2250 * C, 1);
    const g = pseudoRandom(1800 * C, 2);
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    expect(dot(poolFeatures(record, x, C), g)).toBeCloseTo(dot(x, poolFeaturesBackward(record, g, C)), 2);
    expect(dot(unpoolFeatures(record, g, C), x)).toBeCloseTo(dot(g, unpoolFeaturesBackward(record, x, C)), 2);
  });
});
