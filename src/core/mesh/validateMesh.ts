import type { Mesh } from './Mesh';

/**
 * Why a mesh's arrays cannot be a triangle mesh, or null when they can: lengths that are not multiples
 * of 3, indices out of range, coordinates that are NaN or infinite, attribute arrays of the wrong size.
 * Jobs call this first so bad input gets a specific message instead of a crash or a wrong answer.
 */
export function meshProblem(mesh: Mesh): string | null {
  const { positions, indices } = mesh;
  if (positions.length % 3 !== 0) return `positions hold ${positions.length} values, not a multiple of 3`;
  if (indices.length % 3 !== 0)
    return `indices hold ${indices.length} values, not a multiple of 3 (triangles only)`;
  const vertexTotal = positions.length / 3;
  for (let i = 0; i < positions.length; i++) {
    if (!Number.isFinite(positions[i]!))
      return `vertex ${Math.floor(i / 3)} has a coordinate that is ${positions[i]}`;
  }
  for (let i = 0; i < indices.length; i++) {
    if (indices[i]! >= vertexTotal)
      return `face ${Math.floor(i / 3)} refers to vertex ${indices[i]}, but there are only ${vertexTotal}`;
  }
  const perVertex: [string, ArrayLike<number> | undefined, number][] = [
    ['colors', mesh.colors, mesh.colorSize ?? 3],
    ['uvs', mesh.uvs, 2],
    ['uvs1', mesh.uvs1, 2],
    ['normals', mesh.normals, 3],
  ];
  for (const target of mesh.morphTargets ?? [])
    perVertex.push([`morph target ${target.name}`, target.positions, 3]);
  for (const [name, attribute] of Object.entries(mesh.vertexAttributes ?? {}))
    perVertex.push([name, attribute.array, attribute.itemSize]);
  for (const [name, array, width] of perVertex) {
    if (array && array.length !== vertexTotal * width)
      return `${name} holds ${array.length} values, expected ${vertexTotal} × ${width}`;
  }
  const faceTotal = indices.length / 3;
  for (const [name, attribute] of Object.entries(mesh.faceAttributes ?? {})) {
    if (attribute.array.length !== faceTotal * attribute.itemSize) {
      return `face attribute ${name} holds ${attribute.array.length} values, expected ${faceTotal} × ${attribute.itemSize}`;
    }
  }
  return null;
}
