import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseObjMesh } from '../../../src/core/io/parseObjMesh';
import { augmentLevel } from '../../../src/core/meshcnn/augment';
import { mulberry32 } from '../../../src/core/meshcnn/meshUNet';
import { buildMeshLevel, edgeCountOf } from '../../../src/core/meshcnn/meshTopology';
import { datasetPath, hasShared } from '../../helpers/shared';

describe.skipIf(!hasShared)('MeshCNN augmentations', () => {
  const mesh = parseObjMesh(readFileSync(datasetPath('human_seg', 'test', 'shrec__10.obj'), 'utf8'));
  const level = buildMeshLevel(mesh.positions, mesh.indices);

  it('flip edges, slide vertices and scale, keeping a closed manifold with the same edge ids', () => {
    const out = augmentLevel(level, { scaleStd: 0.1, slideFraction: 0.2, flipFraction: 0.2 }, mulberry32(1));
    expect(edgeCountOf(out)).toBe(2250);
    const rebuilt = buildMeshLevel(out.positions, out.faces); // throws if a flip broke the manifold
    expect(edgeCountOf(rebuilt)).toBe(2250);
    let flipped = 0;
    for (let e = 0; e < 2250; e++) {
      const before = [level.edges[2 * e]!, level.edges[2 * e + 1]!].sort().join();
      const after = [out.edges[2 * e]!, out.edges[2 * e + 1]!].sort().join();
      if (before !== after) flipped++;
    }
    expect(flipped).toBeGreaterThan(20);
    let moved = 0;
    for (let i = 0; i < out.positions.length; i++) if (out.positions[i] !== level.positions[i]) moved++;
    expect(moved).toBeGreaterThan(100);
    // Face edges and edge vertices agree after the flips.
    for (let f = 0; f < out.faces.length / 3; f++) {
      for (let k = 0; k < 3; k++) {
        const e = out.faceEdges[3 * f + k]!;
        const pair = [out.faces[3 * f + k]!, out.faces[3 * f + ((k + 1) % 3)]!].sort().join();
        expect([out.edges[2 * e]!, out.edges[2 * e + 1]!].sort().join()).toBe(pair);
      }
    }
  });
});
