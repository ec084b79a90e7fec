import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseObjMesh } from '../../../src/core/io/parseObjMesh';
import { computeEdgeFeatures } from '../../../src/core/meshcnn/edgeFeatures';
import { buildMeshLevel, edgeCountOf, TopologyError } from '../../../src/core/meshcnn/meshTopology';
import { datasetPath, hasShared } from '../../helpers/shared';

/** Unit square split along the diagonal 0–2: faces (0,1,2), (0,2,3). */
const square = {
  positions: [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0],
  indices: [0, 1, 2, 0, 2, 3],
};

/** Regular octahedron (vertices ±x, ±y, ±z), outward-facing triangles. */
const octahedron = {
  positions: [1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1],
  indices: [0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5],
};

describe('MeshCNN edge order and one-ring neighbours', () => {
  it('numbers edges the first time a face walk meets them and fills gemm as MeshCNN does', () => {
    const level = buildMeshLevel(square.positions, square.indices);
    // (0,1)=0 (1,2)=1 (2,0)=2, then face 2: (0,2) is edge 2 again, (2,3)=3, (3,0)=4.
    expect(Array.from(level.edges)).toEqual([0, 1, 1, 2, 2, 0, 2, 3, 3, 0]);
    expect(Array.from(level.faceEdges)).toEqual([0, 1, 2, 2, 3, 4]);
    expect(Array.from(level.gemm)).toEqual([
      1,
      2,
      -1,
      -1, // edge 0: the other edges of face 0 in slot order, no second face
      2,
      0,
      -1,
      -1,
      0,
      1,
      3,
      4, // the diagonal: a, b from face 0, c, d from face 1
      4,
      2,
      -1,
      -1,
      2,
      3,
      -1,
      -1,
    ]);
  });

  it('rejects an edge shared by three faces and a degenerate face', () => {
    const fin = [0, 1, 2, 0, 2, 3, 0, 2, 1];
    expect(() => buildMeshLevel(square.positions, fin)).toThrow(TopologyError);
    expect(() => buildMeshLevel(square.positions, [0, 1, 1])).toThrow(/degenerate/);
  });
});

describe('MeshCNN edge features', () => {
  it('gives the hand-computed values on a flat square', () => {
    const features = computeEdgeFeatures(buildMeshLevel(square.positions, square.indices));
    // Diagonal: flat (π), right angles opposite, height √2/2 over length √2.
    expect(Array.from(features.slice(10, 15))).toEqual(
      [Math.PI, Math.PI / 2, Math.PI / 2, 0.5, 0.5].map((x) => expect.closeTo(x, 6)),
    );
    // Boundary edge (0,1): dihedral 0 by MeshCNN's convention, 45° at vertex 2 on both "sides", height 1.
    expect(Array.from(features.slice(0, 5))).toEqual(
      [0, Math.PI / 4, Math.PI / 4, 1, 1].map((x) => expect.closeTo(x, 6)),
    );
  });

  it('gives the regular octahedron its dihedral angle, 60° angles and √3/2 ratios on every edge', () => {
    const level = buildMeshLevel(octahedron.positions, octahedron.indices);
    expect(edgeCountOf(level)).toBe(12);
    const features = computeEdgeFeatures(level);
    for (let e = 0; e < 12; e++) {
      const row = Array.from(features.slice(5 * e, 5 * e + 5));
      expect(row).toEqual(
        [Math.acos(-1 / 3), Math.PI / 3, Math.PI / 3, Math.sqrt(3) / 2, Math.sqrt(3) / 2].map((x) =>
          expect.closeTo(x, 5),
        ),
      );
    }
  });

  it('sorts the two angles and ratios so the features do not depend on which face is first', () => {
    // A kite: the two triangles on the shared edge differ.
    const positions = [0, 0, 0, 2, 0, 0, 1, 1, 0, 1, -3, 0.5];
    const a = computeEdgeFeatures(buildMeshLevel(positions, [0, 1, 2, 1, 0, 3]));
    const b = computeEdgeFeatures(buildMeshLevel(positions, [1, 0, 3, 0, 1, 2]));
    expect(Array.from(a.slice(0, 5))).toEqual(Array.from(b.slice(0, 5)).map((x) => expect.closeTo(x, 6)));
    expect(a[1]!).toBeLessThan(a[2]!);
    expect(a[3]!).toBeLessThan(a[4]!);
  });
});

describe.skipIf(!hasShared)('MeshCNN edges on human_seg', () => {
  it('finds one edge per .eseg line (2,250) with finite, in-range features', () => {
    const name = 'shrec__1';
    const mesh = parseObjMesh(readFileSync(datasetPath('human_seg', 'test', `${name}.obj`), 'utf8'));
    const labels = readFileSync(datasetPath('human_seg', 'seg', `${name}.eseg`), 'utf8')
      .trim()
      .split('\n');
    const level = buildMeshLevel(mesh.positions, mesh.indices);
    expect(edgeCountOf(level)).toBe(2250);
    expect(labels.length).toBe(2250);
    expect(level.gemm.every((g) => g >= 0)).toBe(true); // closed mesh: every edge has two faces
    const features = computeEdgeFeatures(level);
    for (let e = 0; e < 2250; e++) {
      expect(features[5 * e]!).toBeGreaterThan(0);
      expect(features[5 * e]!).toBeLessThanOrEqual(Math.PI);
      expect(features[5 * e + 1]! + 1e-6).toBeGreaterThan(0);
      expect(features[5 * e + 2]!).toBeLessThan(Math.PI);
      expect(features[5 * e + 3]!).toBeGreaterThan(0);
    }
  });
});
