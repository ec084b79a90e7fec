import { Group, Matrix4 } from 'three';
import type { Object3D } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

interface Placement {
  parent: Object3D;
  index: number;
  matrix: Matrix4;
}

/**
 * Puts objects into a new group that takes the place of the first one among its siblings. Objects
 * keep their place in the world (their local matrix is rebased onto the group's parent).
 */
export class GroupCommand implements Command {
  readonly name: string;
  readonly group: Group;
  private readonly placements: Placement[];
  private readonly groupParent: Object3D;
  private readonly groupIndex: number;

  constructor(
    private readonly host: SceneHost,
    readonly objects: readonly Object3D[],
    groupName = 'Group',
  ) {
    if (objects.length === 0) throw new Error('nothing to group');
    if (objects.some((o) => !o.parent)) throw new Error('only objects in the scene can be grouped');
    this.group = new Group();
    this.group.name = groupName;
    this.name = `Group ${objects.length} object${objects.length === 1 ? '' : 's'}`;
    const first = objects[0]!;
    this.groupParent = first.parent!;
    this.groupIndex = this.groupParent.children.indexOf(first);
    this.placements = objects.map((o) => ({
      parent: o.parent!,
      index: o.parent!.children.indexOf(o),
      matrix: o.matrix.clone(),
    }));
  }

  execute(): void {
    this.host.addObject(this.group, this.groupParent, this.groupIndex);
    this.groupParent.updateMatrixWorld(true);
    const toGroupParent = new Matrix4().copy(this.groupParent.matrixWorld).invert();
    for (const object of this.objects) {
      // World matrix of the object expressed in the group's frame (the group itself is at identity).
      object.updateMatrixWorld(true);
      const local = new Matrix4().multiplyMatrices(toGroupParent, object.matrixWorld);
      this.host.removeObject(object);
      local.decompose(object.position, object.quaternion, object.scale);
      this.host.addObject(object, this.group);
    }
  }

  undo(): void {
    // Put objects back in reverse order so each sibling index is valid when it is used.
    for (let i = this.objects.length - 1; i >= 0; i--) this.host.removeObject(this.objects[i]!);
    this.host.removeObject(this.group);
    const order = this.objects
      .map((_, i) => i)
      .sort((a, b) => this.placements[a]!.index - this.placements[b]!.index);
    for (const i of order) {
      const object = this.objects[i]!;
      const placement = this.placements[i]!;
      placement.matrix.decompose(object.position, object.quaternion, object.scale);
      this.host.addObject(object, placement.parent, placement.index);
    }
  }
}
