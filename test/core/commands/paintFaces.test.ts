import { Mesh, MeshStandardMaterial, PlaneGeometry, Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { History } from '../../../src/core/commands/History';
import {
  PAINT_ATTRIBUTE,
  PaintFacesCommand,
  paintClasses,
  paintedLabels,
} from '../../../src/core/commands/PaintFacesCommand';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { SetLabelClassesCommand } from '../../../src/core/commands/SetLabelClassesCommand';
import { modelToThree } from '../../../src/core/io/modelToThree';
import { readModel } from '../../../src/core/io/readModel';
import { threeToModel } from '../../../src/core/io/threeToModel';
import { writeModel } from '../../../src/core/io/writeModel';
import { ATTRIBUTE_INFO_KEY, FACE_ATTRIBUTES_KEY } from '../../../src/core/mesh/attributeInfo';

const CLASSES = [
  { name: 'head', color: '#4e79a7' },
  { name: 'body', color: '#f28e2b' },
];

function setup() {
  const scene = new Scene();
  const host = new HeadlessSceneHost(scene);
  const mesh = new Mesh(new PlaneGeometry(1, 1, 4, 4), new MeshStandardMaterial()); // 32 faces
  mesh.name = 'plane';
  mesh.geometry.userData = { note: 'kept' };
  scene.add(mesh);
  return { scene, host, mesh, history: new History(1000) };
}

describe('PaintFacesCommand', () => {
  it('adds the _PAINT face attribute with its legend on the first stroke, and undo removes both', () => {
    const { host, mesh, history } = setup();
    const userDataBefore = mesh.geometry.userData;
    const stroke = new PaintFacesCommand(host, mesh, 1, CLASSES);
    expect(stroke.paint([0, 1, 2])).toEqual([0, 1, 2]);
    expect(stroke.paint([2, 3])).toEqual([3]); // 2 already has the label
    history.execute(stroke);
    expect(history.undos).toHaveLength(1);
    expect(stroke.name).toBe('Paint head on plane');
    const labels = paintedLabels(mesh.geometry)!;
    expect(labels).toBeInstanceOf(Uint8Array);
    expect(labels.length).toBe(32);
    expect(Array.from(labels.slice(0, 5))).toEqual([1, 1, 1, 1, 0]);
    expect(paintClasses(mesh.geometry)).toEqual(CLASSES);
    expect(mesh.geometry.userData.note).toBe('kept');
    // userData is replaced, never edited: clones sharing the old object are untouched.
    expect(userDataBefore[FACE_ATTRIBUTES_KEY]).toBeUndefined();

    history.undo();
    expect(paintedLabels(mesh.geometry)).toBeNull();
    expect(mesh.geometry.userData).toBe(userDataBefore);
    history.redo();
    expect(Array.from(paintedLabels(mesh.geometry)!.slice(0, 5))).toEqual([1, 1, 1, 1, 0]);
  });

  it('undoes a second stroke back to the first stroke’s labels, and erasing is a stroke too', () => {
    const { host, mesh, history } = setup();
    const first = new PaintFacesCommand(host, mesh, 1, CLASSES);
    first.paint([0, 1, 2, 3]);
    history.execute(first);
    const second = new PaintFacesCommand(host, mesh, 2, CLASSES);
    second.paint([2, 3, 4, 5]);
    history.execute(second);
    const erase = new PaintFacesCommand(host, mesh, 0, CLASSES);
    erase.paint([0, 5]);
    history.execute(erase);
    expect(erase.name).toBe('Erase labels on plane');
    expect(history.undos).toHaveLength(3); // strokes never merge with each other
    expect(Array.from(paintedLabels(mesh.geometry)!.slice(0, 7))).toEqual([0, 1, 2, 2, 2, 0, 0]);
    history.undo();
    expect(Array.from(paintedLabels(mesh.geometry)!.slice(0, 7))).toEqual([1, 1, 2, 2, 2, 2, 0]);
    history.undo();
    expect(Array.from(paintedLabels(mesh.geometry)!.slice(0, 7))).toEqual([1, 1, 1, 1, 0, 0, 0]);
    history.redo();
    history.redo();
    expect(Array.from(paintedLabels(mesh.geometry)!.slice(0, 7))).toEqual([0, 1, 2, 2, 2, 0, 0]);
  });

  it('merges the pieces of one stroke into one undo step that restores the labels from before the stroke', () => {
    const { host, mesh, history } = setup();
    const base = new PaintFacesCommand(host, mesh, 2, CLASSES);
    base.paint([1, 2]);
    history.execute(base);
    const stroke = {};
    for (const faces of [
      [0, 1],
      [1, 2, 3],
      [3, 4],
    ]) {
      const piece = new PaintFacesCommand(host, mesh, 1, CLASSES, stroke);
      piece.paint(faces);
      history.execute(piece);
    }
    expect(history.undos).toHaveLength(2);
    expect(Array.from(paintedLabels(mesh.geometry)!.slice(0, 6))).toEqual([1, 1, 1, 1, 1, 0]);
    // A piece of another stroke, or of another mesh, does not merge.
    const other = new PaintFacesCommand(host, mesh, 1, CLASSES, {});
    expect((history.undos[1] as PaintFacesCommand).mergeWith(other)).toBe(false);
    history.undo();
    expect(Array.from(paintedLabels(mesh.geometry)!.slice(0, 6))).toEqual([0, 2, 2, 0, 0, 0]);
    history.redo();
    expect(Array.from(paintedLabels(mesh.geometry)!.slice(0, 6))).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('ignores faces outside the mesh and refuses labels a byte cannot hold', () => {
    const { host, mesh } = setup();
    const stroke = new PaintFacesCommand(host, mesh, 1, CLASSES);
    expect(stroke.paint([-1, 32, 99, 31])).toEqual([31]);
    expect(() => new PaintFacesCommand(host, mesh, 256, CLASSES)).toThrow(/bad label/);
  });

  it('keeps painted labels and their classes through GLB export and re-import', async () => {
    const { scene, host, mesh } = setup();
    const stroke = new PaintFacesCommand(host, mesh, 2, CLASSES);
    stroke.paint([0, 7, 31]);
    stroke.execute();
    const glb = await writeModel(threeToModel(scene), 'glb');
    let reread: Mesh | undefined;
    modelToThree(await readModel({ name: 'painted.glb', data: glb })).traverse((o) => {
      if (o instanceof Mesh && o.name === 'plane') reread = o;
    });
    const labels = paintedLabels(reread!.geometry)!;
    expect(labels).not.toBeNull();
    expect([...labels.keys()].filter((f) => labels[f]! > 0)).toEqual([0, 7, 31]);
    expect(labels[7]).toBe(2);
    expect(paintClasses(reread!.geometry)).toEqual(CLASSES);
    expect(
      (reread!.geometry.userData[ATTRIBUTE_INFO_KEY] as Record<string, { kind: string }>)[PAINT_ATTRIBUTE]!
        .kind,
    ).toBe('label');
  });
});

describe('SetLabelClassesCommand', () => {
  it('renames a label on every painted mesh as one step; typing merges; undo restores the names', () => {
    const { host, mesh, history, scene } = setup();
    const second = new Mesh(new PlaneGeometry(), new MeshStandardMaterial());
    scene.add(second);
    for (const m of [mesh, second]) {
      const c = new PaintFacesCommand(host, m, 1, CLASSES);
      c.paint([0]);
      history.execute(c);
    }
    for (const name of ['n', 'ne', 'nec', 'neck'])
      history.execute(
        new SetLabelClassesCommand(
          host,
          [mesh, second],
          PAINT_ATTRIBUTE,
          [{ ...CLASSES[0]!, name }, CLASSES[1]!],
          'Rename label',
        ),
      );
    expect(history.undos).toHaveLength(3);
    expect(paintClasses(mesh.geometry)![0]!.name).toBe('neck');
    expect(paintClasses(second.geometry)![0]!.name).toBe('neck');
    expect(paintedLabels(mesh.geometry)![0]).toBe(1); // the labels stay
    history.undo();
    expect(paintClasses(mesh.geometry)).toEqual(CLASSES);
    expect(paintClasses(second.geometry)).toEqual(CLASSES);
    history.redo();
    expect(paintClasses(second.geometry)![0]!.name).toBe('neck');
  });
});
