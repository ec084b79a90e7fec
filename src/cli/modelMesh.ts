import type { ModelData } from '../core/io/ModelData';
import { worldMeshes } from '../core/io/worldMeshes';
import type { Mesh } from '../core/mesh/Mesh';

/**
 * All meshes of a model as one mesh in world space (positions: #V×3 float64, indices: #F×3), so
 * `info` reports one figure per file. Vertices are not welded across meshes: separate objects stay
 * separate components. A single untransformed mesh is returned as it is.
 */
export function modelAsOneMesh(model: ModelData): { mesh: Mesh; meshCount: number } {
  const parts = worldMeshes(model);
  if (parts.length === 1 && !parts[0]!.world) return { mesh: parts[0]!.mesh, meshCount: 1 };
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
  for (const { mesh, world } of parts) {
    const p = mesh.positions;
    const m = world?.elements; // column-major
    for (let i = 0; i < p.length; i += 3) {
      const x = p[i]!;
      const y = p[i + 1]!;
      const z = p[i + 2]!;
      const o = v * 3 + i;
      positions[o] = m ? m[0]! * x + m[4]! * y + m[8]! * z + m[12]! : x;
      positions[o + 1] = m ? m[1]! * x + m[5]! * y + m[9]! * z + m[13]! : y;
      positions[o + 2] = m ? m[2]! * x + m[6]! * y + m[10]! * z + m[14]! : z;
    }
    for (let i = 0; i < mesh.indices.length; i++) indices[f + i] = mesh.indices[i]! + v;
    v += p.length / 3;
    f += mesh.indices.length;
  }
  return { mesh: { positions, indices }, meshCount: parts.length };
}
