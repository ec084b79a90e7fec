import type { Mesh } from '../mesh/Mesh';
import { FileError } from './FileError';

/**
 * Checks what every reader must guarantee before a mesh enters the editor or a job: at least one
 * face, whole triangles, finite coordinates, indices in range, per-vertex and per-face arrays of the
 * right length. Topology (manifoldness, genus) is the inspector's business, not the reader's.
 *
 * @throws FileError naming the file, the first offending element and the problem.
 */
export function validateMesh(mesh: Mesh, fileName: string, what = 'mesh'): void {
  const fail = (problem: string): never => {
    throw new FileError(fileName, what === 'mesh' ? problem : `${what}: ${problem}`);
  };
  const { positions, indices } = mesh;
  if (positions.length % 3 !== 0)
    fail(`${positions.length} position values is not a whole number of 3D vertices`);
  if (indices.length % 3 !== 0) fail(`${indices.length} indices is not a whole number of triangles`);
  const vertexTotal = positions.length / 3;
  const faceTotal = indices.length / 3;
  if (faceTotal === 0)
    fail(
      vertexTotal > 0
        ? `no faces (${vertexTotal} vertices): a point cloud is not a mesh`
        : 'no vertices and no faces',
    );
  for (let i = 0; i < positions.length; i++) {
    const x = positions[i]!;
    if (x - x !== 0) fail(`vertex ${Math.floor(i / 3)} has a non-finite coordinate (${x})`);
  }
  for (let i = 0; i < indices.length; i++) {
    if (indices[i]! >= vertexTotal) {
      fail(
        `face ${Math.floor(i / 3)} refers to vertex ${indices[i]}, but there are only ${vertexTotal} vertices (0…${vertexTotal - 1})`,
      );
    }
  }
  const perVertex: [string, ArrayLike<number> | undefined, number][] = [
    ['normals', mesh.normals, 3],
    ['texture coordinates', mesh.uvs, 2],
    ['second texture coordinates', mesh.uvs1, 2],
    ['colours', mesh.colors, mesh.colorSize ?? 3],
  ];
  for (const [name, array, itemSize] of perVertex) {
    if (array && array.length !== vertexTotal * itemSize)
      fail(`${array.length / itemSize} ${name} for ${vertexTotal} vertices`);
  }
  for (const target of mesh.morphTargets ?? []) {
    if (target.positions.length !== vertexTotal * 3)
      fail(
        `morph target "${target.name}" has ${target.positions.length / 3} positions for ${vertexTotal} vertices`,
      );
    for (let i = 0; i < target.positions.length; i++) {
      const x = target.positions[i]!;
      if (x - x !== 0)
        fail(`morph target "${target.name}": vertex ${Math.floor(i / 3)} has a non-finite coordinate (${x})`);
    }
  }
  for (const [name, attribute] of Object.entries(mesh.vertexAttributes ?? {})) {
    if (attribute.array.length !== vertexTotal * attribute.itemSize) {
      fail(
        `vertex attribute ${name} has ${attribute.array.length / attribute.itemSize} values for ${vertexTotal} vertices`,
      );
    }
  }
  for (const [name, attribute] of Object.entries(mesh.faceAttributes ?? {})) {
    if (attribute.array.length !== faceTotal * attribute.itemSize) {
      fail(
        `face attribute ${name} has ${attribute.array.length / attribute.itemSize} values for ${faceTotal} faces`,
      );
    }
  }
}

/** The size-limit message every reader uses, so users learn one way to raise it. */
export function tooManyTriangles(count: number, maxTriangles: number): string {
  return `${count.toLocaleString('en')} triangles is more than the limit of ${maxTriangles.toLocaleString('en')} (raise the maxTriangles limit to load it)`;
}
