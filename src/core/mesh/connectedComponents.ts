import type { Mesh } from './Mesh';
import { createUnionFind, find, union } from './unionFind';

/**
 * Connected pieces of a mesh. Two faces are connected when they share a vertex (not only an edge), so
 * pieces that touch at a single pinched vertex are ONE component until that vertex is split; this keeps
 * each component's Euler characteristic meaningful. Unused vertices belong to no component.
 * - componentOfFace:   #F, components numbered in order of their first face
 * - componentOfVertex: #V, or NOT_IN_COMPONENT for an unused vertex
 * - faceCounts:        #C faces per component
 */
export interface Components {
  count: number;
  componentOfFace: Uint32Array;
  componentOfVertex: Uint32Array;
  faceCounts: Uint32Array;
}

export const NOT_IN_COMPONENT = 0xffffffff;

export function connectedComponents(mesh: Pick<Mesh, 'positions' | 'indices'>): Components {
  const indices = mesh.indices;
  const vertexTotal = mesh.positions.length / 3;
  const faceTotal = indices.length / 3;
  const parent = createUnionFind(vertexTotal);
  for (let f = 0; f < faceTotal; f++) {
    union(parent, indices[3 * f]!, indices[3 * f + 1]!);
    union(parent, indices[3 * f]!, indices[3 * f + 2]!);
  }
  // Number the roots in order of first face; the root of a set is its smallest vertex.
  const componentOfRoot = new Uint32Array(vertexTotal).fill(NOT_IN_COMPONENT);
  const componentOfFace = new Uint32Array(faceTotal);
  let count = 0;
  const counts = new Uint32Array(faceTotal); // at most one component per face; trimmed below
  for (let f = 0; f < faceTotal; f++) {
    const root = find(parent, indices[3 * f]!);
    let c = componentOfRoot[root]!;
    if (c === NOT_IN_COMPONENT) {
      c = count++;
      componentOfRoot[root] = c;
    }
    componentOfFace[f] = c;
    counts[c]!++;
  }
  const componentOfVertex = new Uint32Array(vertexTotal).fill(NOT_IN_COMPONENT);
  for (let f = 0; f < faceTotal; f++) {
    const c = componentOfFace[f]!;
    componentOfVertex[indices[3 * f]!] = c;
    componentOfVertex[indices[3 * f + 1]!] = c;
    componentOfVertex[indices[3 * f + 2]!] = c;
  }
  return { count, componentOfFace, componentOfVertex, faceCounts: counts.slice(0, count) };
}
