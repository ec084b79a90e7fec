import type { Object3D } from 'three';
import type { ModelData } from '../core/io/ModelData';
import { modelToThree } from '../core/io/modelToThree';
import { threeToModel } from '../core/io/threeToModel';

/**
 * A read model as a three.js scene graph, the one the editor builds from a dropped file (textures
 * keep their encoded bytes, which is all writing needs: Node has no image decoder).
 */
export function modelToScene(model: ModelData): Object3D {
  return modelToThree(model);
}

/** The scene (after an operator's Command) back as a model to write; its warnings are dropped. */
export function sceneToModel(scene: Object3D, name: string): ModelData {
  return { ...threeToModel(scene), name };
}
