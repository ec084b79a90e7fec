import { STLLoader } from 'three/examples/jsm/loaders/STLLoader.js';
import type { Mesh } from '../mesh/Mesh';
import { FileError } from './FileError';
import { baseName, type InputFile, type ModelData } from './ModelData';
import { decodeLatin1, looksBinary, TextScanner } from './textScanner';
import { Growable } from './growable';
import { tooManyTriangles, validateMesh } from './validateMesh';
import { weldSoup } from './weldSoup';

const BINARY_HEADER = 84;
const BINARY_TRIANGLE = 50;

/**
 * Reads binary STL with three.js's STLLoader.parse (DOM-free) after checking the header's triangle
 * count against the size limit and the file length, and ASCII STL with our own parser (below), then
 * welds the triangle soup into an indexed mesh (bit-identical corners merged; triangle order kept).
 * STL's per-facet normals and colours are dropped (the editor computes smooth normals).
 */
export function readStl(file: InputFile, options: { maxTriangles: number }): ModelData {
  const bytes = file.data;
  if (bytes.length === 0) throw new FileError(file.name, 'the file is empty');
  const warnings: string[] = [];
  let soup: Float32Array;
  if (isBinaryStl(bytes)) {
    if (bytes.length < BINARY_HEADER)
      throw new FileError(
        file.name,
        `the file is truncated: ${bytes.length} bytes is shorter than a binary STL header (84 bytes)`,
      );
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const triangles = view.getUint32(80, true);
    if (triangles > options.maxTriangles)
      throw new FileError(file.name, tooManyTriangles(triangles, options.maxTriangles));
    const expected = BINARY_HEADER + BINARY_TRIANGLE * triangles;
    if (bytes.length < expected) {
      throw new FileError(
        file.name,
        `the binary STL is truncated: its header declares ${triangles.toLocaleString('en')} triangles (${expected.toLocaleString('en')} bytes), the file has ${bytes.length.toLocaleString('en')} bytes`,
      );
    }
    if (bytes.length > expected)
      warnings.push(`${bytes.length - expected} bytes after the last triangle were ignored`);
    try {
      soup = new STLLoader().parse(bytes.slice(0, expected).buffer).getAttribute('position')
        .array as Float32Array;
    } catch (error) {
      throw new FileError(file.name, `the STL data is corrupt (${(error as Error).message})`);
    }
  } else {
    if (looksBinary(bytes))
      throw new FileError(
        file.name,
        'not an STL file: it starts with "solid" but holds binary data with a wrong triangle count',
      );
    soup = parseAsciiStl(bytes, file.name, options.maxTriangles);
  }
  if (soup.length === 0) throw new FileError(file.name, 'no faces: the STL file holds no triangles');
  for (let i = 0; i < soup.length; i++) {
    const x = soup[i]!;
    if (x - x !== 0)
      throw new FileError(file.name, `triangle ${Math.floor(i / 9)} has a non-finite coordinate (${x})`);
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

/**
 * ASCII STL: 'solid' name, then per triangle 'facet normal n n n' 'outer loop' 3 × 'vertex x y z'
 * 'endloop' 'endfacet', then 'endsolid' (several solids are concatenated). Our own rather than
 * STLLoader's: that one accepts a facet with the wrong number of vertices with only a console
 * message, reads malformed numbers as NaN, and needs the whole file as one string; this one says
 * which line is wrong and counts triangles against the limit as it goes.
 * @returns #C×3 corner positions
 */
function parseAsciiStl(bytes: Uint8Array, fileName: string, maxTriangles: number): Float32Array {
  const s = new TextScanner(bytes);
  const soup = new Growable(Float32Array, 0);
  let line = 1;
  const fail = (problem: string): never => {
    throw new FileError(fileName, `line ${line}: ${problem}`);
  };
  /** The next word, across line ends (counting them). */
  const word = (): string => {
    for (;;) {
      s.skipBlanks();
      const c = bytes[s.pos];
      if (c === 10) line++;
      if (c === 10 || c === 13) s.pos++;
      else if (c === undefined) return '';
      else return s.token();
    }
  };
  const expect = (wanted: string): void => {
    const got = word();
    if (got !== wanted)
      fail(
        got
          ? `expected "${wanted}", found "${got.slice(0, 40)}"`
          : `the file ends where "${wanted}" should be (truncated)`,
      );
  };
  const coordinate = (what: string): number => {
    const value = s.number();
    if (Number.isNaN(value)) fail(`${what} "${s.token().slice(0, 40)}" is not a number`);
    return value;
  };
  let triangles = 0;
  let solids = 0;
  for (let first = word(); first !== ''; first = word()) {
    if (first !== 'solid') fail(`expected "solid", found "${first.slice(0, 40)}"`);
    solids++;
    s.restOfLine(); // the solid's name
    for (;;) {
      const next = word();
      if (next === 'endsolid') {
        s.restOfLine();
        break;
      }
      if (next !== 'facet')
        fail(
          next
            ? `expected "facet" or "endsolid", found "${next.slice(0, 40)}"`
            : 'the file ends inside a solid (truncated: no "endsolid")',
        );
      expect('normal');
      for (let k = 0; k < 3; k++) coordinate('normal coordinate');
      expect('outer');
      expect('loop');
      for (let v = 0; v < 3; v++) {
        expect('vertex');
        for (let k = 0; k < 3; k++) {
          const x = coordinate('vertex coordinate');
          if (!Number.isFinite(x)) fail(`triangle ${triangles} has a non-finite coordinate (${x})`);
          soup.push(x);
        }
      }
      expect('endloop');
      expect('endfacet');
      if (++triangles > maxTriangles)
        throw new FileError(fileName, tooManyTriangles(triangles, maxTriangles));
    }
  }
  if (solids === 0) fail('no "solid" in the file');
  return soup.result();
}
