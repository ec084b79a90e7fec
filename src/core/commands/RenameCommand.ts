import type { Object3D } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/** Renames an object (outliner double-click, properties panel). */
export class RenameCommand implements Command {
  readonly name: string;
  private readonly oldName: string;

  constructor(
    private readonly host: SceneHost,
    readonly object: Object3D,
    private readonly newName: string,
  ) {
    this.oldName = object.name;
    this.name = `Rename ${this.oldName || object.type} to ${newName}`;
  }

  execute(): void {
    this.object.name = this.newName;
    this.host.objectChanged(this.object);
  }

  undo(): void {
    this.object.name = this.oldName;
    this.host.objectChanged(this.object);
  }
}
