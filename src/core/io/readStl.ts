import { STLLoader } from 'three/examples/jsm/loaders/STLLoader.js';
import type { Mesh } from '../mesh/Mesh';
import { FileError } from './FileError';
import { baseName, type InputFile, type ModelData } from './ModelData';
import { decodeLatin1, looksBinary } from './textScanner';
import { tooManyTriangles, validateMesh } from './validateMesh';
import { weldSoup } from './weldSoup';

const BINARY_HEADER = 84;
const BINARY_TRIANGLE = 50;

/**
 * Reads binary and ASCII STL with three.js's STLLoader.parse (DOM-free), then welds the triangle
 * soup into an indexed mesh (bit-identical corners merged; triangle order kept). The size check
 * runs before the loader: binary from the header's triangle count, ASCII by counting 'endloop'.
 * STL's per-facet normals and colours are dropped (the editor computes smooth normals).
 */
export function readStl(file: InputFile, options: { maxTriangles: number }): ModelData {
  const bytes = file.data;
  if (bytes.length === 0) throw new FileError(file.name, 'the file is empty');
  const warnings: string[] = [];
  let input: ArrayBuffer | string;
  if (isBinaryStl(bytes)) {
    if (bytes.length < BINARY_HEADER) throw new FileError(file.name, `the file is truncated: ${bytes.length} bytes is shorter than a binary STL header (84 bytes)`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const triangles = view.getUint32(80, true);
    if (triangles > options.maxTriangles) throw new FileError(file.name, tooManyTriangles(triangles, options.maxTriangles));
    const expected = BINARY_HEADER + BINARY_TRIANGLE * triangles;
    if (bytes.length < expected) {
      throw new FileError(
        file.name,
        `the binary STL is truncated: its header declares ${triangles.toLocaleString('en')} triangles (${expected.toLocaleString('en')} bytes), the file has ${bytes.length.toLocaleString('en')} bytes`,
      );
    }
    if (bytes.length > expected) warnings.push(`${bytes.length - expected} bytes after the last triangle were ignored`);
    input = bytes.slice(0, expected).buffer;
  } else {
    if (looksBinary(bytes)) throw new FileError(file.name, 'not an STL file: it starts with "solid" but holds binary data with a wrong triangle count');
    const text = decodeLatin1(bytes, 0, bytes.length);
    let triangles = 0;
    for (let i = text.indexOf('endloop'); i >= 0; i = text.indexOf('endloop', i + 7)) {
      if (++triangles > options.maxTriangles) throw new FileError(file.name, tooManyTriangles(triangles, options.maxTriangles));
    }
    if (!/endsolid/.test(text)) throw new FileError(file.name, 'the ASCII STL is truncated: it has no "endsolid" line');
    // STLLoader peeks at byte 80 of every input (the binary triangle count): pad short ASCII files.
    input = text.length < BINARY_HEADER ? text.padEnd(BINARY_HEADER, ' ') : text;
  }
  let soup: Float32Array;
  try {
    const geometry = new STLLoader().parse(input);
    soup = geometry.getAttribute('position').array as Float32Array;
  } catch (error) {
    throw new FileError(file.name, `the STL data is corrupt (${(error as Error).message})`);
  }
  if (soup.length === 0) throw new FileError(file.name, 'no faces: the STL file holds no triangles');
  for (let i = 0; i < soup.length; i++) {
    const x = soup[i]!;
    if (x - x !== 0) throw new FileError(file.name, `triangle ${Math.floor(i / 9)} has a non-finite coordinate (${x})`);
  }
  const welded = weldSoup(soup);
  const mesh: Mesh = { positions: welded.positions, indices: welded.indices };
  validateMesh(mesh, file.name);
  const name = baseName(file.name);
  return { name, root: { name, mesh, children: [] }, warnings };
}

/** ASCII STL starts with 'solid' and is text; anything else (or 'solid' with a matching binary size) is binary. */
export function isBinaryStl(bytes: Uint8Array): boolean {
  if (bytes.length >= BINARY_HEADER) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (BINARY_HEADER + BINARY_TRIANGLE * view.getUint32(80, true) === bytes.length) return true;
  }
  const start = decodeLatin1(bytes, 0, Math.min(bytes.length, 8)).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '');
  return !/^\s*solid/.test(start);
}
