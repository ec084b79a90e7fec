import type { Material, Mesh } from 'three';
import type { Command } from '../../core/commands/Command';
import type { SceneHost } from '../../core/commands/SceneHost';

/** Swaps a mesh's material (the checkerboard view); undo restores the previous one. */
export class SetMaterialCommand implements Command {
  private readonly oldMaterial: Material | Material[];

  constructor(
    private readonly host: SceneHost,
    readonly object: Mesh,
    private readonly material: Material,
    readonly name = `Set material of ${object.name || 'mesh'}`,
  ) {
    this.oldMaterial = object.material;
  }

  execute(): void {
    this.object.material = this.material;
    this.host.objectChanged(this.object);
  }

  undo(): void {
    this.object.material = this.oldMaterial;
    this.host.objectChanged(this.object);
  }
}
