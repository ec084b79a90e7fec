import {
  BoxGeometry,
  BufferAttribute,
  Group,
  Mesh,
  MeshStandardMaterial,
  Object3D,
  Scene,
  Vector3,
} from 'three';
import { describe, expect, it, vi } from 'vitest';
import { DuplicateCommand } from '../../../src/core/commands/DuplicateCommand';
import { GroupCommand } from '../../../src/core/commands/GroupCommand';
import { History } from '../../../src/core/commands/History';
import { RenameCommand } from '../../../src/core/commands/RenameCommand';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { SetMorphInfluenceCommand } from '../../../src/core/commands/SetMorphInfluenceCommand';
import { SetTransformCommand } from '../../../src/core/commands/SetTransformCommand';
import { SetValueCommand } from '../../../src/core/commands/SetValueCommand';
import { SetVisibleCommand } from '../../../src/core/commands/SetVisibleCommand';

function setup() {
  const scene = new Scene();
  const host = new HeadlessSceneHost(scene);
  const a = new Mesh(new BoxGeometry(), new MeshStandardMaterial());
  a.name = 'a';
  const b = new Object3D();
  b.name = 'b';
  b.position.set(1, 2, 3);
  const c = new Object3D();
  c.name = 'c';
  scene.add(a, b, c);
  return { scene, host, a, b, c };
}

describe('History', () => {
  it('merges rapid slider drags into one undo step and restores the value before the drag', () => {
    const { host, b } = setup();
    const history = new History(500);
    for (let x = 1; x <= 20; x++)
      history.execute(new SetTransformCommand(host, b, { position: new Vector3(x, 0, 0) }));
    expect(history.undos).toHaveLength(1);
    expect(b.position.x).toBe(20);
    history.undo();
    expect(b.position.toArray()).toEqual([1, 2, 3]);
    history.redo();
    expect(b.position.x).toBe(20);
  });

  it('does not merge edits of different objects, edits after an undo, or edits further apart than the window', () => {
    const { host, b, c } = setup();
    const history = new History(500);
    history.execute(new SetTransformCommand(host, b, { position: new Vector3(5, 0, 0) }));
    history.execute(new SetTransformCommand(host, c, { position: new Vector3(5, 0, 0) }));
    expect(history.undos).toHaveLength(2);
    history.undo();
    history.execute(new SetTransformCommand(host, b, { position: new Vector3(6, 0, 0) }));
    expect(history.undos).toHaveLength(2);
    const now = vi.spyOn(performance, 'now');
    now.mockReturnValue(1e9);
    history.execute(new SetTransformCommand(host, b, { position: new Vector3(7, 0, 0) }));
    now.mockReturnValue(1e9 + 1000);
    history.execute(new SetTransformCommand(host, b, { position: new Vector3(8, 0, 0) }));
    now.mockRestore();
    expect(history.undos).toHaveLength(4);
  });

  it('merges a slow drag (one gesture) into one step, and keeps gestures apart', () => {
    const { host, b } = setup();
    const history = new History(500);
    const now = vi.spyOn(performance, 'now');
    const drag = (from: number) => {
      history.beginGesture();
      for (let i = 0; i < 5; i++) {
        now.mockReturnValue(1e9 + from * 1e4 + i * 2000); // 2 s between moves
        history.execute(new SetTransformCommand(host, b, { position: new Vector3(from + i, 0, 0) }));
      }
      history.endGesture();
    };
    drag(10);
    expect(history.undos).toHaveLength(1);
    drag(20); // a second drag right after is a second step
    now.mockReturnValue(1e9 + 20 * 1e4 + 8100); // and so is an edit right after the release
    history.execute(new SetTransformCommand(host, b, { position: new Vector3(99, 0, 0) }));
    now.mockRestore();
    expect(history.undos).toHaveLength(3);
    history.undo();
    history.undo();
    expect(b.position.x).toBe(14);
    history.undo();
    expect(b.position.toArray()).toEqual([1, 2, 3]);
  });

  it('clears redo on a new command and reports every change', () => {
    const { host, a } = setup();
    const history = new History();
    const changes = vi.fn();
    history.onChange = changes;
    history.execute(new RenameCommand(host, a, 'x'));
    history.undo();
    expect(history.canRedo).toBe(true);
    history.execute(new RenameCommand(host, a, 'y'));
    expect(history.canRedo).toBe(false);
    expect(changes).toHaveBeenCalledTimes(3);
  });
});

describe('editing commands', () => {
  it('renames, shows and hides, and sets plain values with undo', () => {
    const { host, a, b, c } = setup();
    const rename = new RenameCommand(host, a, 'Spot');
    rename.execute();
    expect(a.name).toBe('Spot');
    rename.undo();
    expect(a.name).toBe('a');
    const hide = new SetVisibleCommand(host, [a, b], false);
    c.visible = false;
    hide.execute();
    expect([a.visible, b.visible]).toEqual([false, false]);
    hide.undo();
    expect([a.visible, b.visible, c.visible]).toEqual([true, true, false]);
    const material = a.material as MeshStandardMaterial;
    const first = new SetValueCommand(host, a, material, 'roughness', 0.2);
    first.execute();
    const second = new SetValueCommand(host, a, material, 'roughness', 0.3);
    second.execute();
    expect(first.mergeWith(second)).toBe(true);
    first.undo();
    expect(material.roughness).toBe(1);
  });

  it('groups objects in place, keeping their world transforms, and ungroups on undo', () => {
    const { scene, host, a, b, c } = setup();
    const parent = new Group();
    parent.position.set(10, 0, 0);
    scene.add(parent);
    parent.add(c);
    scene.updateMatrixWorld(true);
    const worldC = c.getWorldPosition(new Vector3());
    const group = new GroupCommand(host, [b, c]);
    group.execute();
    expect(scene.children.map((o) => o.name)).toEqual(['a', 'Group', '']);
    expect(group.group.children).toEqual([b, c]);
    scene.updateMatrixWorld(true);
    expect(c.getWorldPosition(new Vector3()).toArray()).toEqual(worldC.toArray());
    expect(b.position.toArray()).toEqual([1, 2, 3]);
    group.undo();
    expect(scene.children).toEqual([a, b, parent]);
    expect(parent.children).toEqual([c]);
    expect(c.position.toArray()).toEqual([0, 0, 0]);
  });

  it('duplicates right after the original, sharing geometry and not materials', () => {
    const { scene, host, a, b } = setup();
    const dup = new DuplicateCommand(host, a);
    dup.execute();
    expect(scene.children[1]).toBe(dup.copy);
    expect(dup.copy.name).toBe('a.copy');
    const copy = dup.copy as Mesh;
    expect(copy.geometry).toBe(a.geometry);
    expect(copy.material).not.toBe(a.material);
    dup.undo();
    expect(scene.children[1]).toBe(b);
  });

  it('sets a morph-target weight and merges drags; refuses a missing target', () => {
    const { host, a } = setup();
    const geometry = a.geometry;
    geometry.morphAttributes.position = [
      new BufferAttribute(new Float32Array(geometry.getAttribute('position').count * 3), 3),
    ];
    a.updateMorphTargets();
    const first = new SetMorphInfluenceCommand(host, a, 0, 0.5);
    first.execute();
    const next = new SetMorphInfluenceCommand(host, a, 0, 0.9);
    next.execute();
    expect(first.mergeWith(next)).toBe(true);
    first.undo();
    expect(a.morphTargetInfluences![0]).toBe(0);
    first.execute();
    expect(a.morphTargetInfluences![0]).toBe(0.9);
    expect(() => new SetMorphInfluenceCommand(host, a, 3, 1)).toThrow(/no morph target 3/);
  });
});
