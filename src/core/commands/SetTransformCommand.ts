import type { Euler, Vector3 } from 'three';
import type { Object3D } from 'three';
import type { Command } from './Command';
import type { SceneHost } from './SceneHost';

/** Position, rotation (radians, the object's Euler order) and scale of an object. */
export interface Transform {
  position: Vector3;
  rotation: Euler;
  scale: Vector3;
}

export function getTransform(object: Object3D): Transform {
  return {
    position: object.position.clone(),
    rotation: object.rotation.clone(),
    scale: object.scale.clone(),
  };
}

/**
 * Moves, rotates and scales an object. Consecutive transforms of the same object merge (a drag of
 * the position slider is one undo step).
 */
export class SetTransformCommand implements Command {
  readonly name: string;
  private readonly oldTransform: Transform;
  private newTransform: Transform;

  constructor(
    private readonly host: SceneHost,
    readonly object: Object3D,
    transform: Partial<Transform>,
  ) {
    this.name = `Transform ${object.name || object.type}`;
    this.oldTransform = getTransform(object);
    this.newTransform = {
      position: (transform.position ?? object.position).clone(),
      rotation: (transform.rotation ?? object.rotation).clone(),
      scale: (transform.scale ?? object.scale).clone(),
    };
  }

  execute(): void {
    this.set(this.newTransform);
  }

  undo(): void {
    this.set(this.oldTransform);
  }

  mergeWith(next: Command): boolean {
    if (!(next instanceof SetTransformCommand) || next.object !== this.object) return false;
    this.newTransform = next.newTransform;
    return true;
  }

  private set(t: Transform): void {
    this.object.position.copy(t.position);
    this.object.rotation.copy(t.rotation);
    this.object.scale.copy(t.scale);
    this.object.updateMatrixWorld(true);
    this.host.objectChanged(this.object);
  }
}
