import type { Object3D } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/** Sets one key of an object's userData (plugin metrics and provenance). */
export class SetUserDataCommand implements Command {
  private readonly hadKey: boolean;
  private readonly oldValue: unknown;

  constructor(
    private readonly host: SceneHost,
    readonly object: Object3D,
    private readonly key: string,
    private readonly value: unknown,
    readonly name = `Set ${key}`,
  ) {
    this.hadKey = Object.prototype.hasOwnProperty.call(object.userData, key);
    this.oldValue = object.userData[key];
  }

  execute(): void {
    this.object.userData[this.key] = this.value;
    this.host.objectChanged(this.object);
  }

  undo(): void {
    if (this.hadKey) this.object.userData[this.key] = this.oldValue;
    else delete this.object.userData[this.key];
    this.host.objectChanged(this.object);
  }
}
