import type { ModelData, ModelNode } from '../core/io/ModelData';
import type { Mesh } from '../core/mesh/Mesh';

/**
 * All meshes of a model as one mesh in world space (positions: #V×3 float64, indices: #F×3), so
 * `info` reports one figure per file. Vertices are not welded across meshes: separate objects stay
 * separate components.
 */
export function modelAsOneMesh(model: ModelData): { mesh: Mesh; meshCount: number } {
  const parts: { mesh: Mesh; matrix: Float64Array | null }[] = [];
  const visit = (node: ModelNode, parent: Float64Array | null): void => {
    const world = node.matrix ? (parent ? multiply(parent, node.matrix) : Float64Array.from(node.matrix)) : parent;
    if (node.mesh) parts.push({ mesh: node.mesh, matrix: world });
    for (const child of node.children) visit(child, world);
  };
  visit(model.root, null);
  if (parts.length === 1 && !parts[0]!.matrix) return { mesh: parts[0]!.mesh, meshCount: 1 };
  let vertexTotal = 0;
  let indexTotal = 0;
  for (const { mesh } of parts) {
    vertexTotal += mesh.positions.length / 3;
    indexTotal += mesh.indices.length;
  }
  const positions = new Float64Array(vertexTotal * 3);
  const indices = new Uint32Array(indexTotal);
  let v = 0;
  let f = 0;
  for (const { mesh, matrix: m } of parts) {
    const p = mesh.positions;
    for (let i = 0; i < p.length; i += 3) {
      const x = p[i]!;
      const y = p[i + 1]!;
      const z = p[i + 2]!;
      const o = v * 3 + i;
      if (m) {
        positions[o] = m[0]! * x + m[4]! * y + m[8]! * z + m[12]!;
        positions[o + 1] = m[1]! * x + m[5]! * y + m[9]! * z + m[13]!;
        positions[o + 2] = m[2]! * x + m[6]! * y + m[10]! * z + m[14]!;
      } else {
        positions[o] = x;
        positions[o + 1] = y;
        positions[o + 2] = z;
      }
    }
    for (let i = 0; i < mesh.indices.length; i++) indices[f + i] = mesh.indices[i]! + v;
    v += p.length / 3;
    f += mesh.indices.length;
  }
  return { mesh: { positions, indices }, meshCount: parts.length };
}

/** a·b for column-major 4×4 matrices. */
function multiply(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(16);
  for (let col = 0; col < 4; col++)
    for (let row = 0; row < 4; row++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += a[k * 4 + row]! * b[col * 4 + k]!;
      out[col * 4 + row] = sum;
    }
  return out;
}
