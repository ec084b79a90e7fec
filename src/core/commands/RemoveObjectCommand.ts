import type { Object3D } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/** Removes an object; undo puts it back at the same place among its siblings. */
export class RemoveObjectCommand implements Command {
  readonly name: string;
  private parent: Object3D | null = null;
  private index = -1;

  constructor(
    private readonly host: SceneHost,
    readonly object: Object3D,
  ) {
    this.name = `Delete ${object.name || object.type}`;
  }

  execute(): void {
    this.parent = this.object.parent;
    this.index = this.parent ? this.parent.children.indexOf(this.object) : -1;
    this.host.removeObject(this.object);
  }

  undo(): void {
    if (this.parent) this.host.addObject(this.object, this.parent, this.index);
  }
}
