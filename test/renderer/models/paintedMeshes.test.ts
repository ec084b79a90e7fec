import { Mesh, MeshStandardMaterial, PlaneGeometry, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { PaintFacesCommand } from '../../../src/core/commands/PaintFacesCommand';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { InputError } from '../../../src/core/plugin/Job';
import { fineTuneInput, paintedMeshes } from '../../../src/renderer/models/paintedMeshes';

const CLASSES = [
  { name: 'head', color: '#4e79a7' },
  { name: 'body', color: '#f28e2b' },
];

function scene() {
  const root = new Scene();
  const host = new HeadlessSceneHost(root);
  const a = new Mesh(new PlaneGeometry(1, 1, 2, 2), new MeshStandardMaterial()); // 8 faces
  const b = new Mesh(new PlaneGeometry(1, 1, 1, 1), new MeshStandardMaterial()); // 2 faces
  root.add(a, b);
  const paint = (mesh: Mesh, label: number, faces: number[]) => {
    const c = new PaintFacesCommand(host, mesh, label, CLASSES);
    c.paint(faces);
    c.execute();
  };
  return { root, a, b, paint };
}

describe('gathering painted meshes for fine-tuning', () => {
  it('says what to paint first: nothing painted, one label only, a label beyond the set', () => {
    const { root, a, b, paint } = scene();
    expect(() => fineTuneInput(root, CLASSES, 'm')).toThrow(InputError);
    expect(() => fineTuneInput(root, CLASSES, 'm')).toThrow(/nothing is painted yet/);
    paint(a, 1, [0, 1, 2]);
    paint(b, 1, [0]);
    expect(() => fineTuneInput(root, CLASSES, 'm')).toThrow(/only one label is painted \("head", 4 faces\)/);
    paint(b, 3, [1]);
    expect(() => fineTuneInput(root, CLASSES, 'm')).toThrow(/label 3 is painted but there are only 2 labels/);
  });

  it('refuses meshes painted with another label set', () => {
    const { root, a, b, paint } = scene();
    paint(a, 1, [0]);
    paint(a, 2, [1]);
    b.name = 'old scan';
    const other = new PaintFacesCommand(new HeadlessSceneHost(root), b, 1, [
      { name: 'wing', color: '#000000' },
    ]);
    other.paint([0]);
    other.execute();
    expect(() => fineTuneInput(root, CLASSES, 'm')).toThrow(
      /"old scan" was painted with other labels \(wing\)/,
    );
  });

  it('sends every painted mesh (copies of its arrays, to transfer) with the label set', () => {
    const { root, a, b, paint } = scene();
    paint(a, 1, [0, 1]);
    paint(a, 2, [5]);
    paint(b, 0, [0]); // erasing an unpainted mesh paints nothing
    expect(paintedMeshes(root).map((p) => p.mesh)).toEqual([a]);
    expect(paintedMeshes(root)[0]!.counts).toEqual([5, 2, 1]);
    const { input, transfer } = fineTuneInput(root, CLASSES, 'mine');
    expect(input.name).toBe('mine');
    expect(input.classes).toEqual(CLASSES);
    expect(input.meshes).toHaveLength(1);
    const m = input.meshes[0]!;
    expect(Array.from(m.faceLabels)).toEqual([1, 1, 0, 0, 0, 2, 0, 0]);
    expect(m.indices.length).toBe(24);
    expect(m.positions.length).toBe(27);
    expect(transfer).toEqual([m.positions.buffer, m.indices.buffer, m.faceLabels.buffer]);
    expect(m.indices.buffer).not.toBe(a.geometry.index!.array.buffer); // the scene keeps its arrays
  });
});
