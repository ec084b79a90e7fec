import { cumulativeFaceAreas } from '../sampling/surfaceSampling';
import type { Mesh } from './Mesh';

/**
 * Why a mesh cannot be treated as a solid (it needs triangles with area, finite coordinates, valid
 * indices and extent along every axis), or null. Shared by the plugins that learn an inside (Fit SDF,
 * Neural Parts) for their polls and jobs.
 * @param purpose ends the message for a flat mesh: 'a signed distance needs an inside'
 */
export function solidMeshRefusal(mesh: Pick<Mesh, 'positions' | 'indices'>, purpose: string): string | null {
  if (mesh.positions.length < 9 || mesh.indices.length < 3)
    return 'the mesh is empty: it needs at least one triangle';
  const n = mesh.positions.length / 3;
  for (let i = 0; i < mesh.positions.length; i++)
    if (!Number.isFinite(mesh.positions[i]!)) return 'the mesh has non-finite vertex coordinates';
  for (let i = 0; i < mesh.indices.length; i++)
    if (mesh.indices[i]! >= n) return `face ${Math.floor(i / 3)} refers to vertex ${mesh.indices[i]} of ${n}`;
  const areas = cumulativeFaceAreas(mesh);
  if (!(areas[areas.length - 1]! > 0)) return 'the mesh is degenerate: all its triangles have zero area';
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      lo[k] = Math.min(lo[k]!, mesh.positions[3 * i + k]!);
      hi[k] = Math.max(hi[k]!, mesh.positions[3 * i + k]!);
    }
  }
  const extent = [hi[0]! - lo[0]!, hi[1]! - lo[1]!, hi[2]! - lo[2]!];
  if (Math.min(...extent) <= 1e-6 * Math.max(...extent)) return `the mesh is flat (no volume): ${purpose}`;
  return null;
}
