import type { Mesh } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/** Sets one morph-target weight (e.g. the sphere of Spherical Parametrize); slider drags merge. */
export class SetMorphInfluenceCommand implements Command {
  readonly name: string;
  private readonly oldValue: number;

  constructor(
    private readonly host: SceneHost,
    readonly object: Mesh,
    readonly index: number,
    private newValue: number,
  ) {
    const influences = object.morphTargetInfluences;
    if (!influences || index < 0 || index >= influences.length) {
      throw new RangeError(`${object.name || 'mesh'} has no morph target ${index}`);
    }
    this.oldValue = influences[index]!;
    const targetName = Object.entries(object.morphTargetDictionary ?? {}).find(([, i]) => i === index)?.[0];
    this.name = `Set ${targetName ?? `morph ${index}`} weight`;
  }

  execute(): void {
    this.object.morphTargetInfluences![this.index] = this.newValue;
    this.host.objectChanged(this.object);
  }

  undo(): void {
    this.object.morphTargetInfluences![this.index] = this.oldValue;
    this.host.objectChanged(this.object);
  }

  mergeWith(next: Command): boolean {
    if (
      !(next instanceof SetMorphInfluenceCommand) ||
      next.object !== this.object ||
      next.index !== this.index
    )
      return false;
    this.newValue = next.newValue;
    return true;
  }
}
