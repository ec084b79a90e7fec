import type { Mesh } from '../mesh/Mesh';

/**
 * Parses the geometry of a Wavefront OBJ into an indexed mesh that keeps the file's vertex order
 * and face order exactly (MeshCNN's edge order and the datasets' labels depend on both), unlike
 * three.js's OBJLoader, which de-indexes. Polygons are fan-triangulated; negative (relative)
 * indices are resolved. Texture coordinates and normals are read by the full OBJ reader.
 *
 * @throws Error with the line number on malformed vertices or faces and out-of-range indices.
 */
export function parseObjMesh(text: string): Mesh {
  const positions: number[] = [];
  const indices: number[] = [];
  const polygon: number[] = [];
  let lineNo = 0;
  let start = 0;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    lineNo++;
    const c0 = text.charCodeAt(start);
    const c1 = text.charCodeAt(start + 1);
    // 'v ' and 'f ' only; 'vt', 'vn', comments and the rest are skipped here.
    if ((c0 === 118 || c0 === 102) && (c1 === 32 || c1 === 9)) {
      const fields = text.slice(start + 2, end).trim().split(/\s+/);
      if (c0 === 118) {
        if (fields.length < 3) throw new Error(`OBJ line ${lineNo}: a vertex needs 3 coordinates`);
        for (let k = 0; k < 3; k++) {
          const value = Number(fields[k]);
          if (!Number.isFinite(value)) throw new Error(`OBJ line ${lineNo}: vertex coordinate "${fields[k]}" is not a finite number`);
          positions.push(value);
        }
      } else {
        polygon.length = 0;
        const vertexTotal = positions.length / 3;
        for (const field of fields) {
          const slash = field.indexOf('/');
          const raw = parseInt(slash < 0 ? field : field.slice(0, slash), 10);
          const index = raw < 0 ? vertexTotal + raw : raw - 1;
          if (!Number.isInteger(raw) || raw === 0 || index < 0 || index >= vertexTotal) {
            throw new Error(`OBJ line ${lineNo}: face index "${field}" is out of range (1…${vertexTotal})`);
          }
          polygon.push(index);
        }
        if (polygon.length < 3) throw new Error(`OBJ line ${lineNo}: a face needs at least 3 vertices`);
        for (let k = 1; k + 1 < polygon.length; k++) indices.push(polygon[0]!, polygon[k]!, polygon[k + 1]!);
      }
    }
    start = end + 1;
  }
  return { positions: Float64Array.from(positions), indices: Uint32Array.from(indices) };
}
