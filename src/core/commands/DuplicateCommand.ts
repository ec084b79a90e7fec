import { Mesh } from 'three';
import type { Material, Object3D } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/**
 * Adds a copy of an object right after it. Geometry is shared with the original (commands replace
 * geometries rather than edit them in place, so sharing is safe and keeps memory flat); materials
 * are cloned so the copy can be restyled on its own.
 */
export class DuplicateCommand implements Command {
  readonly name: string;
  readonly copy: Object3D;
  private readonly parent: Object3D;

  constructor(
    private readonly host: SceneHost,
    readonly object: Object3D,
  ) {
    if (!object.parent) throw new Error('only objects in the scene can be duplicated');
    this.parent = object.parent;
    this.copy = object.clone(true);
    this.copy.name = `${object.name || object.type}.copy`;
    this.copy.traverse((o) => {
      if (o instanceof Mesh) {
        o.material = Array.isArray(o.material)
          ? o.material.map((m: Material) => m.clone())
          : (o.material as Material).clone();
      }
    });
    this.name = `Duplicate ${object.name || object.type}`;
  }

  execute(): void {
    this.host.addObject(this.copy, this.parent, this.parent.children.indexOf(this.object) + 1);
  }

  undo(): void {
    this.host.removeObject(this.copy);
  }
}
