import type { Mesh } from '../mesh/Mesh';
import { parseObj } from './parseObj';

/**
 * Parses the geometry of a Wavefront OBJ given as text into an indexed mesh that keeps the file's
 * vertex order and face order exactly (see parseObj, which this wraps; readModel is the full reader
 * with materials and textures). Polygons are fan-triangulated; negative (relative) indices are resolved.
 *
 * @throws Error with the line number on malformed vertices or faces, out-of-range indices, no faces.
 */
export function parseObjMesh(text: string, fileName = 'OBJ'): Mesh {
  return parseObj(new TextEncoder().encode(text), { fileName, maxTriangles: Number.MAX_SAFE_INTEGER }).mesh;
}
