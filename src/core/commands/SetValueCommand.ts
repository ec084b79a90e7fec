import type { Object3D } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/**
 * Sets one plain property of an object (`castShadow`, `frustumCulled`, a material's `opacity`…).
 * Repeated sets of the same property of the same target merge into one undo step (slider drags).
 */
export class SetValueCommand<T extends object, K extends keyof T & string> implements Command {
  readonly name: string;
  private readonly oldValue: T[K];

  constructor(
    private readonly host: SceneHost,
    /** The scene object to report as changed. */
    readonly object: Object3D,
    /** Where the property lives: the object itself, its material, … */
    readonly target: T,
    readonly key: K,
    private newValue: T[K],
  ) {
    this.oldValue = target[key];
    this.name = `Set ${key}`;
  }

  execute(): void {
    this.target[this.key] = this.newValue;
    this.host.objectChanged(this.object);
  }

  undo(): void {
    this.target[this.key] = this.oldValue;
    this.host.objectChanged(this.object);
  }

  mergeWith(next: Command): boolean {
    if (!(next instanceof SetValueCommand) || next.target !== this.target || next.key !== this.key)
      return false;
    this.newValue = next.newValue as T[K];
    return true;
  }
}
