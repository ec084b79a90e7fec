import type { Object3D } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/** Adds an object (a plugin result, an imported file…) under a parent, by default the scene. */
export class AddObjectCommand implements Command {
  readonly name: string;

  constructor(
    private readonly host: SceneHost,
    readonly object: Object3D,
    private readonly parent: Object3D = host.scene,
    private readonly index?: number,
  ) {
    this.name = `Add ${object.name || object.type}`;
  }

  execute(): void {
    this.host.addObject(this.object, this.parent, this.index);
  }

  undo(): void {
    this.host.removeObject(this.object);
  }
}
