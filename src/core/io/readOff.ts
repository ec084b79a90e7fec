import type { Mesh } from '../mesh/Mesh';
import { FileError } from './FileError';
import { Growable } from './growable';
import { baseName, type InputFile, type ModelData } from './ModelData';
import { looksBinary, TextScanner } from './textScanner';
import { tooManyTriangles, validateMesh } from './validateMesh';

/**
 * Reads an ASCII OFF file (Geomview; the format of many geometry-processing datasets). No maintained
 * npm library reads OFF, so this is our own, on the same byte scanner as the OBJ reader.
 * Accepts the OFF / COFF / NOFF / CNOFF / STOFF header variants (normals and texture coordinates are
 * skipped; COFF vertex colours are kept, 0–255 integers or 0–1 floats), comments and counts on the
 * header line. Polygons are fan-triangulated; per-face colours are ignored.
 */
export function readOff(file: InputFile, options: { maxTriangles: number }): ModelData {
  const bytes = file.data;
  if (bytes.length === 0) throw new FileError(file.name, 'the file is empty');
  if (looksBinary(bytes)) throw new FileError(file.name, 'binary data: only ASCII OFF files are read');
  const s = new TextScanner(bytes);
  let line = 1;
  const fail = (problem: string): never => {
    throw new FileError(file.name, `line ${line}: ${problem}`);
  };
  /** Moves to the next line that holds something other than blanks and a comment. */
  const contentLine = (): void => {
    while (!s.done && s.atLineEnd()) {
      s.nextLine();
      line++;
    }
  };
  const endLine = (): void => {
    s.nextLine();
    line++;
  };
  const count = (what: string): number => {
    const value = s.number();
    if (!Number.isSafeInteger(value) || value < 0)
      fail(`the ${what} count "${s.token()}" is not a whole number`);
    return value;
  };

  contentLine();
  const keyword = s.token();
  const header = /^(ST)?(C)?(N)?(4)?(n)?OFF$/.exec(keyword);
  if (!header) fail(`not an OFF file: it starts with "${keyword.slice(0, 20)}" instead of "OFF"`);
  // Vertex lines: x y z [nx ny nz if N] [r g b [a] if C] [s t if ST]; texture coordinates are skipped.
  const [, , hasColor, hasNormal, fourD, nDim] = header!;
  if (fourD || nDim) fail('4D and nD OFF files are not supported');
  const afterKeyword = s.pos;
  if (s.token() === 'BINARY') fail('binary OFF files are not supported');
  s.pos = afterKeyword;
  if (s.atLineEnd()) {
    endLine();
    contentLine();
  }
  const vertexTotal = count('vertex');
  const faceTotal = count('face');
  if (!s.atLineEnd()) count('edge');
  endLine();
  if (faceTotal === 0)
    throw new FileError(file.name, `no faces (${vertexTotal} vertices): a point cloud is not a mesh`);
  if (faceTotal > options.maxTriangles)
    throw new FileError(file.name, tooManyTriangles(faceTotal, options.maxTriangles));
  // Each vertex needs at least 6 bytes ("0 0 0\n"), each face 8 ("3 0 1 2\n"): refuse before allocating.
  if (vertexTotal * 6 + faceTotal * 8 > bytes.length - s.pos) {
    throw new FileError(
      file.name,
      `the file is truncated: the header declares ${vertexTotal} vertices and ${faceTotal} faces, which cannot fit in ${bytes.length} bytes`,
    );
  }

  const positions = new Float64Array(vertexTotal * 3);
  const colors = hasColor ? new Float32Array(vertexTotal * 3) : undefined;
  let colorScale = 1;
  const coordinate = (what: string): number => {
    const value = s.number();
    if (Number.isNaN(value)) {
      const token = s.token();
      fail(token ? `${what} "${token}" is not a number` : `${what} is missing (truncated file?)`);
    }
    if (!Number.isFinite(value)) fail(`${what} "${value}" is not a finite number`);
    return value;
  };
  for (let v = 0; v < vertexTotal; v++) {
    contentLine();
    if (s.done) fail(`the file ends after ${v} of ${vertexTotal} vertices`);
    positions[3 * v] = coordinate('vertex coordinate');
    positions[3 * v + 1] = coordinate('vertex coordinate');
    positions[3 * v + 2] = coordinate('vertex coordinate');
    if (hasNormal) for (let k = 0; k < 3; k++) coordinate('normal coordinate');
    if (colors) {
      for (let k = 0; k < 3; k++) {
        const c = coordinate('colour value');
        if (c > 1) colorScale = 1 / 255;
        colors[3 * v + k] = c;
      }
    }
    endLine();
  }
  if (colors && colorScale !== 1) for (let i = 0; i < colors.length; i++) colors[i]! *= colorScale;

  const indices = new Growable(Uint32Array, faceTotal * 3);
  const polygon: number[] = [];
  let triangles = 0;
  for (let f = 0; f < faceTotal; f++) {
    contentLine();
    if (s.done) fail(`the file ends after ${f} of ${faceTotal} faces`);
    const n = s.integer();
    if (!(n >= 3))
      fail(`face ${f} has ${Number.isNaN(n) ? `"${s.token()}"` : n} corners; a face needs at least 3`);
    polygon.length = 0;
    for (let k = 0; k < n; k++) {
      const index = s.integer();
      if (Number.isNaN(index))
        fail(
          `face ${f}: corner "${s.token()}" is not a vertex index${s.atLineEnd() ? ' (the line ends early)' : ''}`,
        );
      if (index < 0 || index >= vertexTotal)
        fail(`face ${f}: vertex index ${index} is out of range (0…${vertexTotal - 1})`);
      polygon.push(index);
    }
    triangles += n - 2;
    if (triangles > options.maxTriangles)
      throw new FileError(file.name, tooManyTriangles(triangles, options.maxTriangles));
    for (let k = 1; k + 1 < n; k++) {
      indices.push(polygon[0]!);
      indices.push(polygon[k]!);
      indices.push(polygon[k + 1]!);
    }
    endLine();
  }
  const mesh: Mesh = { positions, indices: indices.result() };
  if (colors) {
    mesh.colors = colors;
    mesh.colorSize = 3;
  }
  validateMesh(mesh, file.name);
  const name = baseName(file.name);
  return { name, root: { name, mesh, children: [] }, warnings: [] };
}
