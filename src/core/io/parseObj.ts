import type { Mesh } from '../mesh/Mesh';
import { CORNER_UVS } from '../mesh/threeGeometry';
import { FileError } from './FileError';
import { Growable } from './growable';
import { MATERIAL_FACE_ATTRIBUTE } from './ModelData';
import { looksBinary, TextScanner } from './textScanner';

/** What an OBJ file holds besides its geometry. */
export interface ObjContents {
  /**
   * The geometric vertices (file order) and the faces (file order, polygons fan-triangulated).
   * UVs: per vertex (`uvs`) when every vertex has one texture coordinate in all its faces, otherwise
   * per face corner (`faceAttributes[CORNER_UVS]`, #F×6) so that seams do not split the topology.
   * Normals: per vertex when they are 1:1 with vertices, otherwise dropped (with a warning).
   * Vertex colours: the common 'v x y z r g b' extension.
   */
  mesh: Mesh;
  objectName?: string;
  /** 'mtllib' file names, in file order. */
  materialLibraries: string[];
  /**
   * Material names in order of first 'usemtl' ('' first when some faces come before any 'usemtl').
   * With more than one, `mesh.faceAttributes[MATERIAL_FACE_ATTRIBUTE]` gives each face's index here.
   */
  materialNames: string[];
  warnings: string[];
}

export interface ParseObjOptions {
  /** Named in every message. */
  fileName: string;
  /** Refuse files with more triangles than this (counted before anything big is allocated). */
  maxTriangles: number;
}

/**
 * Reads a Wavefront OBJ from its bytes, keeping the file's vertex order and face order exactly
 * (MeshCNN's edge order and the datasets' labels depend on both). three.js's OBJLoader is not used
 * because it de-indexes every face corner into a new vertex, losing the vertex order and the
 * topology; this reader is also several times faster (see `npm run bench -- io`), as it parses
 * numbers straight from the bytes instead of splitting strings.
 *
 * @throws FileError naming the file, the line and the problem.
 */
export function parseObj(bytes: Uint8Array, options: ParseObjOptions): ObjContents {
  const { fileName, maxTriangles } = options;
  if (bytes.length === 0) throw new FileError(fileName, 'the file is empty');
  if (looksBinary(bytes)) throw new FileError(fileName, 'this is a binary file, not a text OBJ file');
  const counts = countObjStatements(bytes, maxTriangles);
  if (counts.faces > maxTriangles) {
    throw new FileError(
      fileName,
      `more than the limit of ${maxTriangles.toLocaleString('en')} triangles (raise the maxTriangles limit to load it)`,
    );
  }

  const positions = new Growable(Float64Array, counts.vertices * 3);
  const colors = new Growable(Float32Array, 0);
  const texCoords = new Growable(Float32Array, counts.texCoords * 2);
  const normals = new Growable(Float32Array, counts.normals * 3);
  const indices = new Growable(Uint32Array, counts.faces * 3);
  // Per-corner texture/normal references, only tracked when the file has any.
  const trackCorners = counts.texCoords > 0 || counts.normals > 0;
  const cornerTex = new Growable(Int32Array, trackCorners ? counts.faces * 3 : 0);
  const cornerNormal = new Growable(Int32Array, trackCorners ? counts.faces * 3 : 0);
  let cornersWithTex = 0;
  let cornersWithNormal = 0;
  let hasColors = false;
  let triangleTotal = 0;
  // Scratch space for the corners of one face line (grown for very large polygons).
  let polygon: Int32Array = new Int32Array(64);
  let polygonTex: Int32Array = new Int32Array(64);
  let polygonNormal: Int32Array = new Int32Array(64);
  let polygonSize = 0;
  const materialLibraries: string[] = [];
  const materialNames: string[] = [];
  // Per triangle: 1 + index into materialNames of the 'usemtl' in force, 0 before any.
  const faceMaterial = new Growable(Uint32Array, counts.faces);
  let currentMaterial = 0;
  const warnings: string[] = [];
  let objectName: string | undefined;
  let ignoredElements = 0;
  // Texture and normal indices that point nowhere only cost the UVs or normals, not the mesh.
  let badTexLine = 0;
  let badNormalLine = 0;

  const s = new TextScanner(bytes);
  let line = 0;
  const fail = (message: string): never => {
    throw new FileError(fileName, `line ${line}: ${message}`);
  };
  /** Appends corner k of the current polygon (capacity reserved by the caller). */
  const pushCorner = (k: number): void => {
    const at = indices.length++;
    indices.array[at] = polygon[k]!;
    if (!trackCorners) return;
    cornerTex.length++;
    cornerNormal.length++;
    const tex = polygonTex[k]!;
    const normal = polygonNormal[k]!;
    cornerTex.array[at] = tex;
    cornerNormal.array[at] = normal;
    if (tex >= 0) cornersWithTex++;
    if (normal >= 0) cornersWithNormal++;
  };
  const extra = [0, 0, 0, 0];
  const readCoordinate = (what: string): number => {
    const value = s.number();
    if (Number.isNaN(value)) {
      const token = s.token();
      fail(token ? `${what} "${token}" is not a number` : `${what} is missing`);
    }
    if (!Number.isFinite(value)) fail(`${what} "${value}" is not a finite number`);
    return value;
  };

  while (!s.done) {
    line++;
    s.skipBlanks();
    const b = bytes;
    const p = s.pos;
    const c0 = b[p];
    const c1 = b[p + 1];
    const blank1 = c1 === 32 || c1 === 9;
    if (c0 === 118 /* v */ && blank1) {
      s.pos = p + 2;
      const x = readCoordinate('vertex coordinate');
      const y = readCoordinate('vertex coordinate');
      const z = readCoordinate('vertex coordinate');
      positions.push(x);
      positions.push(y);
      positions.push(z);
      // 'v x y z r g b' (colours, MeshLab and others) or 'v x y z w' (rational weight, ignored).
      let extraTotal = 0;
      while (extraTotal < 4 && !s.atLineEnd()) extra[extraTotal++] = readCoordinate('vertex value');
      if (extraTotal >= 3) {
        if (!hasColors) {
          hasColors = true;
          const vertexTotal = positions.length / 3;
          colors.reserve(vertexTotal * 3);
          for (let i = 0; i < (vertexTotal - 1) * 3; i++) colors.push(1);
        }
        const offset = extraTotal - 3;
        colors.push(extra[offset]!);
        colors.push(extra[offset + 1]!);
        colors.push(extra[offset + 2]!);
      } else if (hasColors) {
        colors.push(1);
        colors.push(1);
        colors.push(1);
      }
    } else if (c0 === 118 && c1 === 116 /* vt */ && (b[p + 2] === 32 || b[p + 2] === 9)) {
      s.pos = p + 3;
      texCoords.push(readCoordinate('texture coordinate'));
      texCoords.push(s.atLineEnd() ? 0 : readCoordinate('texture coordinate'));
    } else if (c0 === 118 && c1 === 110 /* vn */ && (b[p + 2] === 32 || b[p + 2] === 9)) {
      s.pos = p + 3;
      normals.push(readCoordinate('normal coordinate'));
      normals.push(readCoordinate('normal coordinate'));
      normals.push(readCoordinate('normal coordinate'));
    } else if (c0 === 102 /* f */ && blank1) {
      s.pos = p + 2;
      polygonSize = 0;
      const vertexTotal = positions.length / 3;
      const texTotal = texCoords.length / 2;
      const normalTotal = normals.length / 3;
      while (!s.atLineEnd()) {
        const raw = s.integer();
        if (Number.isNaN(raw)) fail(`face corner "${s.token()}" is not a vertex index`);
        const vertex = resolveIndex(raw, vertexTotal, 'face index', fail);
        let tex = -1;
        let normal = -1;
        if (b[s.pos] === 47 /* / */) {
          s.pos++;
          if (b[s.pos] !== 47) {
            const rawTex = s.integer();
            if (Number.isNaN(rawTex)) fail(`face corner has a bad texture coordinate index "${s.token()}"`);
            tex = optionalIndex(rawTex, texTotal);
            if (tex < 0) badTexLine ||= line;
          }
          if (b[s.pos] === 47) {
            s.pos++;
            const rawNormal = s.integer();
            if (Number.isNaN(rawNormal)) fail(`face corner has a bad normal index "${s.token()}"`);
            normal = optionalIndex(rawNormal, normalTotal);
            if (normal < 0) badNormalLine ||= line;
          }
        }
        const next = b[s.pos];
        if (next !== undefined && next > 32 && next !== 35)
          fail(`face corner "${s.token()}" is not a vertex index`);
        if (polygonSize === polygon.length) {
          polygon = grown(polygon);
          polygonTex = grown(polygonTex);
          polygonNormal = grown(polygonNormal);
        }
        polygon[polygonSize] = vertex;
        polygonTex[polygonSize] = tex;
        polygonNormal[polygonSize] = normal;
        polygonSize++;
      }
      if (polygonSize < 3) fail(`a face needs at least 3 vertices, this one has ${polygonSize}`);
      triangleTotal += polygonSize - 2;
      if (triangleTotal > maxTriangles) {
        fail(
          `more than the limit of ${maxTriangles.toLocaleString('en')} triangles (raise the maxTriangles limit to load it)`,
        );
      }
      const cornersNeeded = 3 * (polygonSize - 2);
      indices.reserve(cornersNeeded);
      if (trackCorners) {
        cornerTex.reserve(cornersNeeded);
        cornerNormal.reserve(cornersNeeded);
      }
      faceMaterial.reserve(polygonSize - 2);
      for (let k = 1; k + 1 < polygonSize; k++) {
        faceMaterial.array[faceMaterial.length++] = currentMaterial;
        pushCorner(0);
        pushCorner(k);
        pushCorner(k + 1);
      }
    } else if (c0 === 117 /* u */ && startsWithWord(b, p, 'usemtl')) {
      s.pos = p + 6;
      const name = s.restOfLine();
      if (name) {
        let index = materialNames.indexOf(name);
        if (index < 0) index = materialNames.push(name) - 1;
        currentMaterial = index + 1;
      }
    } else if (c0 === 109 /* m */ && startsWithWord(b, p, 'mtllib')) {
      s.pos = p + 6;
      const name = s.restOfLine();
      if (name) materialLibraries.push(name);
    } else if (c0 === 111 /* o */ && blank1 && objectName === undefined) {
      s.pos = p + 2;
      objectName = s.restOfLine() || undefined;
    } else if ((c0 === 108 /* l */ || c0 === 112) /* p */ && blank1) {
      ignoredElements++;
    }
    s.nextLine();
  }

  if (triangleTotal === 0) {
    const vertexTotal = positions.length / 3;
    throw new FileError(
      fileName,
      vertexTotal > 0
        ? `no faces (${vertexTotal} vertices but no 'f' lines): a point cloud is not a mesh`
        : 'no vertices and no faces: this is not an OBJ mesh',
    );
  }
  if (ignoredElements > 0) warnings.push(`${ignoredElements} line or point elements ('l', 'p') were ignored`);

  const vertexTotal = positions.length / 3;
  const mesh: Mesh = { positions: positions.result(), indices: indices.result() };
  if (hasColors) {
    mesh.colors = colors.result();
    mesh.colorSize = 3;
  }
  const cornerTotal = indices.length;
  if (cornersWithTex === cornerTotal) {
    attachUvs(mesh, vertexTotal, texCoords.array, cornerTex.array);
  } else if (badTexLine) {
    warnings.push(`texture coordinates were dropped: line ${badTexLine} refers to one that does not exist`);
  } else if (cornersWithTex > 0) {
    warnings.push(
      `texture coordinates were dropped: only ${cornersWithTex} of ${cornerTotal} face corners have one`,
    );
  }
  if (badNormalLine)
    warnings.push(`normals were dropped: line ${badNormalLine} refers to one that does not exist`);
  else if (cornersWithNormal === cornerTotal) {
    const perVertex = perVertexValues(
      vertexTotal,
      3,
      normals.array,
      cornerNormal.array,
      indices.array,
      cornerTotal,
    );
    if (perVertex) mesh.normals = perVertex;
    else
      warnings.push(
        'the normals are per face corner (flat or creased shading) and were not kept; smooth normals are used',
      );
  }
  if (materialNames.length > 1 || (materialNames.length === 1 && faceMaterial.array[0] === 0)) {
    attachFaceMaterials(mesh, faceMaterial.result(), materialNames);
  }
  return { mesh, objectName, materialLibraries, materialNames, warnings };

  function attachUvs(target: Mesh, vertices: number, uvPool: Float32Array, cornerUv: Int32Array): void {
    const perVertex = perVertexValues(vertices, 2, uvPool, cornerUv, indices.array, cornerTotal);
    if (perVertex) {
      target.uvs = perVertex;
      return;
    }
    // Seams: keep the geometric vertices, store the UVs per face corner (#F×6).
    const corners = new Float32Array(cornerTotal * 2);
    for (let i = 0; i < cornerTotal; i++) {
      const t = cornerUv[i]!;
      corners[2 * i] = uvPool[2 * t]!;
      corners[2 * i + 1] = uvPool[2 * t + 1]!;
    }
    target.faceAttributes = { [CORNER_UVS]: { array: corners, itemSize: 6 } };
  }
}

/**
 * `faceAttributes[MATERIAL_FACE_ATTRIBUTE]`: each face's index into `names` (#F). Faces before any
 * 'usemtl' get a material of their own, named '' and put first.
 */
function attachFaceMaterials(mesh: Mesh, oneBased: Uint32Array, names: string[]): void {
  let unassigned = false;
  for (let f = 0; f < oneBased.length; f++) if (oneBased[f] === 0) unassigned = true;
  if (unassigned) names.unshift('');
  const ids = names.length <= 65536 ? new Uint16Array(oneBased.length) : new Uint32Array(oneBased.length);
  for (let f = 0; f < oneBased.length; f++) ids[f] = unassigned ? oneBased[f]! : oneBased[f]! - 1;
  mesh.faceAttributes = { ...mesh.faceAttributes, [MATERIAL_FACE_ATTRIBUTE]: { array: ids, itemSize: 1 } };
}

/**
 * Per-vertex values from per-corner references into a pool, or undefined when some vertex is seen
 * with two different values (compared by value, since files often repeat equal entries).
 */
function perVertexValues(
  vertexTotal: number,
  itemSize: number,
  pool: Float32Array,
  cornerRef: Int32Array,
  cornerVertex: Uint32Array,
  cornerTotal: number,
): Float32Array | undefined {
  const out = new Float32Array(vertexTotal * itemSize);
  const seen = new Uint8Array(vertexTotal);
  for (let i = 0; i < cornerTotal; i++) {
    const v = cornerVertex[i]!;
    const r = cornerRef[i]! * itemSize;
    const o = v * itemSize;
    if (!seen[v]) {
      seen[v] = 1;
      for (let k = 0; k < itemSize; k++) out[o + k] = pool[r + k]!;
      continue;
    }
    for (let k = 0; k < itemSize; k++) if (out[o + k] !== pool[r + k]) return undefined;
  }
  return out;
}

/** 1-based or negative (relative) OBJ index → 0-based, checked against the entries defined so far. */
function resolveIndex(raw: number, total: number, what: string, fail: (message: string) => never): number {
  const index = raw < 0 ? total + raw : raw - 1;
  if (raw === 0 || index < 0 || index >= total) {
    fail(
      total === 0
        ? `${what} ${raw} refers to nothing: no entries are defined before this line`
        : `${what} ${raw} is out of range (1…${total})`,
    );
  }
  return index;
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** A 1-based or negative texture/normal index → 0-based, or −1 when it points nowhere. */
function optionalIndex(raw: number, total: number): number {
  const index = raw < 0 ? total + raw : raw - 1;
  return raw === 0 || index < 0 || index >= total ? -1 : index;
}

function startsWithWord(bytes: Uint8Array, p: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (bytes[p + i] !== word.charCodeAt(i)) return false;
  const after = bytes[p + word.length];
  return after === 32 || after === 9;
}

/**
 * Counts 'v', 'vt', 'vn' and 'f' lines in one quick pass (for capacities and the size limit). Stops as
 * soon as there are more than `faceLimit` faces, so refusing a huge file costs at most the time to
 * scan `faceLimit` lines, whatever its size.
 */
export function countObjStatements(
  bytes: Uint8Array,
  faceLimit = Number.MAX_SAFE_INTEGER,
): { vertices: number; texCoords: number; normals: number; faces: number } {
  let vertices = 0;
  let texCoords = 0;
  let normals = 0;
  let faces = 0;
  let p = 0;
  const n = bytes.length;
  while (p < n) {
    const c0 = bytes[p];
    const c1 = bytes[p + 1];
    if (c0 === 118) {
      if (c1 === 32 || c1 === 9) vertices++;
      else if (c1 === 116) texCoords++;
      else if (c1 === 110) normals++;
    } else if (c0 === 102 && (c1 === 32 || c1 === 9)) {
      if (++faces > faceLimit) break;
    }
    // indexOf is native (memchr-like): faster than a byte loop in JavaScript.
    const end = bytes.indexOf(10, p);
    if (end < 0) break;
    p = end + 1;
  }
  return { vertices, texCoords, normals, faces };
}
