import { describe, expect, it } from 'vitest';
import { smoothFaceLabels, transferFaceLabels } from '../../../src/core/meshcnn/labelTransfer';
import { decodeModelFile, loadModel, saveModel } from '../../../src/core/meshcnn/modelFile';
import { MeshUNet } from '../../../src/core/meshcnn/meshUNet';
import { prepareInput } from '../../../src/core/meshcnn/prepareInput';
import { parseSample, scoreSegmentation } from '../../../src/core/meshcnn/segmentation';
import { edgeLabelsFromFaces } from '../../../src/core/meshcnn/segmentMesh';
import { splitByLabel } from '../../../src/core/meshcnn/splitByLabel';
import { icosphere } from './icosphere';

describe('MeshCNN segmentation helpers', () => {
  const sphere = icosphere(2, 0, 1);
  const F = sphere.indices.length / 3;
  const byHeight = Int32Array.from({ length: F }, (_, f) =>
    sphere.positions[3 * sphere.indices[3 * f]! + 2]! > 0 ? 2 : 1,
  );

  it('transfers labels between identical meshes exactly', () => {
    expect(transferFaceLabels(sphere, byHeight, sphere)).toEqual(byHeight);
  });

  it('smoothing removes a single-face island and keeps long boundaries', () => {
    const noisy = byHeight.slice();
    const island = noisy.findIndex((l) => l === 1);
    noisy[island] = 2;
    const neighboursAllOne = smoothFaceLabels(sphere.indices, noisy, 1);
    expect(neighboursAllOne.filter((l, f) => l !== byHeight[f]).length).toBeLessThan(4);
  });

  it('repairs: welds duplicate vertices, drops degenerate/duplicate/third faces and tiny pieces', () => {
    const face0 = sphere.indices.slice(0, 3);
    const copies = face0.flatMap((v) => sphere.positions.slice(3 * v, 3 * v + 3));
    const positions = [...sphere.positions, ...copies, 5, 5, 5, 6, 5, 5, 5, 6, 5];
    const V = sphere.positions.length / 3;
    const extra = [V, V + 1, V + 2, 0, 0, 1, ...sphere.indices.slice(0, 3), V + 3, V + 4, V + 5];
    const out = prepareInput(positions, [...sphere.indices, ...extra]);
    expect(out.repairs.weldedVertices).toBe(3);
    expect(out.repairs.degenerateFaces).toBe(1);
    expect(out.repairs.duplicateFaces).toBe(2); // the welded copy of face 0 and face 0 again
    expect(out.repairs.smallComponentFaces).toBe(1);
    expect(out.indices.length / 3).toBe(F);
  });

  it('edge labels follow MeshCNN edge order from first faces', () => {
    expect(Array.from(edgeLabelsFromFaces([0, 1, 2, 0, 2, 3], Int32Array.from([4, 7])))).toEqual([
      4, 4, 4, 7, 7,
    ]);
  });

  it('splits by label into compact parts', () => {
    const parts = splitByLabel(sphere.positions, sphere.indices, byHeight);
    expect(parts.map((p) => p.label)).toEqual([1, 2]);
    expect(parts[0]!.indices.length / 3 + parts[1]!.indices.length / 3).toBe(F);
    expect(Math.max(...parts[0]!.indices)).toBe(parts[0]!.positions.length / 3 - 1);
  });

  it('round-trips a model file and rejects corrupted ones', () => {
    const config = { channels: [4, 6], poolEdges: [300], resBlocks: 1, classCount: 3 };
    const net = new MeshUNet(config, 9);
    const info = {
      name: 'x',
      config,
      classes: [],
      featureMean: [0, 0, 0, 0, 0],
      featureStd: [1, 1, 1, 1, 1],
    };
    const bytes = saveModel(info, net);
    const loaded = loadModel(bytes);
    expect(loaded.net.params.map((p) => Array.from(p.data))).toEqual(
      net.params.map((p) => Array.from(p.data)),
    );
    expect(() => decodeModelFile(bytes.slice(0, bytes.length - 4))).toThrow(/truncated/);
    expect(() => decodeModelFile(new Uint8Array(16))).toThrow(/bad magic/);
  });
});

describe('MeshCNN soft-label accuracy', () => {
  it('reads soft labels with more columns than classes (COSEG chairs: 3 classes, 4 columns)', () => {
    // a tetrahedron: 4 faces, 6 edges; hard labels 1-based in the file
    const positions = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
    const indices = [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3];
    const eseg = '1\n2\n2\n3\n3\n1\n';
    const seseg = ['1 0 0 0', '0 1 0 0', '0 1 1 0', '0 0 1 0', '0 0 1 0', '1 0 0 0'].join('\n');
    const sample = parseSample('tet', positions, indices, eseg, seseg);
    expect(sample.softColumns).toBe(4);
    // predict class 2 (0-based) everywhere: right where the soft label allows class 3 (1-based)
    const labels = new Int32Array(6).fill(2);
    const probabilities = new Float32Array(6 * 3);
    for (let e = 0; e < 6; e++) probabilities[3 * e + 2] = 1;
    const scores = scoreSegmentation(sample, { labels, probabilities, pools: [] }, 3);
    expect(scores.hardEdgeAccuracy).toBeCloseTo(2 / 6, 6);
    expect(scores.softEdgeAccuracy).toBeGreaterThanOrEqual(scores.hardEdgeAccuracy);
    expect(scores.softEdgeAccuracy).toBeCloseTo(3 / 6, 1);
  });
});
