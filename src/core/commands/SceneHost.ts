import type { Object3D } from 'three';

/**
 * What commands need from whoever owns the scene: the editor (which emits signals so the viewport,
 * outliner and panels update) or the headless CLI scene.
 */
export interface SceneHost {
  /** The root all user objects live under. */
  readonly scene: Object3D;
  addObject(object: Object3D, parent?: Object3D, index?: number): void;
  removeObject(object: Object3D): void;
  /** Name, transform, visibility or userData changed. */
  objectChanged(object: Object3D): void;
  /** Geometry, attributes or morph targets changed. */
  geometryChanged(object: Object3D): void;
}

/** A SceneHost without views: for the CLI, tests and benchmarks. */
export class HeadlessSceneHost implements SceneHost {
  constructor(readonly scene: Object3D) {}

  addObject(object: Object3D, parent: Object3D = this.scene, index?: number): void {
    if (index === undefined || index >= parent.children.length) parent.add(object);
    else {
      object.removeFromParent();
      parent.children.splice(index, 0, object);
      object.parent = parent;
    }
  }

  removeObject(object: Object3D): void {
    object.removeFromParent();
  }

  objectChanged(): void {}

  geometryChanged(): void {}
}
