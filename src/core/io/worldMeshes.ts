import { Matrix4 } from 'three';
import type { Mesh } from '../mesh/Mesh';
import { modelNodes, type ModelData, type ModelNode } from './ModelData';

/** A mesh node with its world transform (the product of its ancestors' matrices and its own). */
export interface WorldMesh {
  node: ModelNode;
  mesh: Mesh;
  /** Column-major 4×4; undefined when it is the identity (so writers can skip the transform). */
  world?: Matrix4;
}

/** Every mesh of the model in depth-first order, with world transforms, for formats without a scene graph. */
export function worldMeshes(model: ModelData): WorldMesh[] {
  const result: WorldMesh[] = [];
  const visit = (node: ModelNode, parent: Matrix4 | undefined): void => {
    let world = parent;
    if (node.matrix && node.matrix.length === 16) {
      const local = new Matrix4().fromArray(node.matrix);
      world = parent ? parent.clone().multiply(local) : local;
    }
    if (world && world.equals(new Matrix4())) world = undefined;
    if (node.mesh) result.push({ node, mesh: node.mesh, world });
    for (const child of node.children) visit(child, world);
  };
  visit(model.root, undefined);
  return result;
}

/** Number of meshes in the model. */
export function meshTotal(model: ModelData): number {
  let n = 0;
  for (const node of modelNodes(model.root)) if (node.mesh) n++;
  return n;
}
