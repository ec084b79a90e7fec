import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import type { FileResolver, InputFile, ModelData } from '../../../src/core/io/ModelData';
import { datasetPath } from '../../helpers/shared';

/** A shared mesh file as an InputFile plus a resolver for the files beside it. */
export function sharedFile(name: string): { file: InputFile; resolve: FileResolver } {
  const path = datasetPath('meshes', name);
  const folder = dirname(path);
  return {
    file: { name, data: new Uint8Array(readFileSync(path)) },
    resolve: (relative) => {
      try {
        return new Uint8Array(readFileSync(join(folder, relative)));
      } catch {
        return undefined;
      }
    },
  };
}

/** An octahedron (6 vertices, 8 faces, closed, genus 0) with every kind of data a mesh can carry. */
export function richOctahedron(): Mesh {
  const positions = new Float64Array(
    [1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1].map((x, i) => x * 1.5 + i * 1e-9),
  );
  const indices = new Uint32Array([0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5]);
  const normals = new Float32Array([1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1]);
  return {
    positions,
    indices,
    normals,
    uvs: Float32Array.from({ length: 12 }, (_, i) => (i % 5) / 4),
    colors: Float32Array.from({ length: 24 }, (_, i) => ((i * 37) % 11) / 10),
    colorSize: 4,
    vertexAttributes: {
      _SCALAR: { array: Float32Array.from({ length: 6 }, (_, i) => i * 0.25 - 1), itemSize: 1 },
      _SEGMENT: { array: new Int32Array([1, -2, 3, -4, 5, 70000]), itemSize: 1 },
      _COUNTS: { array: new Uint16Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), itemSize: 2 },
      _PRECISE: { array: Float64Array.from({ length: 6 }, (_, i) => i / 3), itemSize: 1 },
    },
    faceAttributes: {
      _LABEL: { array: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), itemSize: 1 },
      _AREA: { array: Float64Array.from({ length: 8 }, (_, i) => Math.PI * i), itemSize: 1 },
      _PAIR: { array: Int32Array.from({ length: 16 }, (_, i) => i - 8), itemSize: 2 },
    },
  };
}

/** A two-level model around the octahedron, with transforms, material and userData. */
export function richModel(): ModelData {
  const mesh = richOctahedron();
  return {
    name: 'rich',
    warnings: [],
    root: {
      name: 'root',
      userData: { plugin: 'test', metrics: { error: 0.125, iterations: 3 } },
      children: [
        {
          name: 'octahedron',
          mesh,
          matrix: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 1, 2, 3, 1],
          material: { name: 'red', color: [1, 0, 0], opacity: 0.5, roughness: 0.25, metalness: 0.75 },
          meshUserData: {
            attributeInfo: {
              _SCALAR: { kind: 'scalar', domain: 'vertex', label: 'Scalar', range: [-1, 0.25] },
            },
          },
          userData: { plugin: 'mesh.fit', version: 2 },
          children: [],
        },
        { name: 'empty group', children: [] },
      ],
    },
  };
}

/** Values as plain numbers, for comparisons across array types. */
export function values(array: ArrayLike<number> | undefined): number[] {
  return array ? Array.from(array) : [];
}
