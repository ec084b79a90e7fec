import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import { geometryToMesh } from '../mesh/threeGeometry';
import { FileError } from './FileError';
import { baseName, type InputFile, type ModelData } from './ModelData';
import { decodeLatin1 } from './textScanner';
import { validateMesh } from './validateMesh';

/** A PLY header as declared, checked before the body is parsed. */
export interface PlyHeader {
  format: 'ascii' | 'binary_little_endian' | 'binary_big_endian';
  elements: {
    name: string;
    count: number;
    properties: { name: string; type: string; list?: { countType: string; itemType: string } }[];
  }[];
  /** Byte offset of the body. */
  bodyOffset: number;
}

const TYPE_SIZES: Record<string, number> = {
  char: 1,
  uchar: 1,
  int8: 1,
  uint8: 1,
  short: 2,
  ushort: 2,
  int16: 2,
  uint16: 2,
  int: 4,
  uint: 4,
  int32: 4,
  uint32: 4,
  float: 4,
  float32: 4,
  double: 8,
  float64: 8,
};
/** Standard vertex properties three.js's PLYLoader maps itself; any other one becomes a '_name' attribute. */
const KNOWN_VERTEX_PROPERTIES = new Set([
  'x',
  'y',
  'z',
  'px',
  'py',
  'pz',
  'posx',
  'posy',
  'posz',
  'nx',
  'ny',
  'nz',
  'normalx',
  'normaly',
  'normalz',
  's',
  't',
  'u',
  'v',
  'texture_u',
  'texture_v',
  'tx',
  'ty',
  'red',
  'green',
  'blue',
  'alpha',
  'r',
  'g',
  'b',
  'diffuse_red',
  'diffuse_green',
  'diffuse_blue',
  'diffuse_r',
  'diffuse_g',
  'diffuse_b',
  'texcoord',
]);

/**
 * Reads ASCII and binary PLY with three.js's PLYLoader.parse (DOM-free). Our own header check runs
 * first so that bad files get a specific message and huge or truncated ones are refused before the
 * loader allocates for them. Vertex order and face order are kept (quads are split 0-1-2, 0-2-3);
 * extra scalar vertex properties (e.g. 'quality', 'label') become '_quality', '_label' attributes.
 */
export function readPly(file: InputFile, options: { maxTriangles: number }): ModelData {
  const header = parsePlyHeader(file.data, file.name);
  checkPlySizes(header, file, options.maxTriangles);
  const loader = new PLYLoader();
  const vertexElement = header.elements.find((e) => e.name === 'vertex')!;
  const custom = customAttributeMapping(vertexElement.properties.filter((p) => !p.list).map((p) => p.name));
  loader.setCustomPropertyNameMapping(custom);
  const data = file.data;
  const buffer =
    data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer
      ? data.buffer
      : data.slice().buffer;
  let geometry;
  try {
    geometry = loader.parse(buffer);
  } catch (error) {
    throw new FileError(file.name, `the PLY data is corrupt or truncated (${(error as Error).message})`);
  }
  const mesh = geometryToMesh(geometry);
  const warnings: string[] = [];
  const declaredVertices = vertexElement.count;
  if (mesh.positions.length / 3 < declaredVertices) {
    throw new FileError(
      file.name,
      `the file is truncated: the header declares ${declaredVertices} vertices, only ${mesh.positions.length / 3} were read`,
    );
  }
  const faceElement = header.elements.find((e) => e.name === 'face');
  const triangles = mesh.indices.length / 3;
  if (faceElement && triangles < faceElement.count) {
    warnings.push(
      `${faceElement.count - triangles} faces were skipped: truncated data or polygons with more than 4 sides`,
    );
  }
  validateMesh(mesh, file.name);
  const name = baseName(file.name);
  return { name, root: { name, mesh, children: [] }, warnings };
}

/**
 * Extra vertex properties → '_' attributes: 'quality' → '_quality'; '_SEGMENT' stays; consecutive
 * 'NAME_0', 'NAME_1', … (as writeModel writes multi-component attributes) form one attribute NAME.
 */
function customAttributeMapping(names: string[]): Record<string, string[]> {
  const mapping: Record<string, string[]> = {};
  const extra = names.filter((n) => !KNOWN_VERTEX_PROPERTIES.has(n));
  for (let i = 0; i < extra.length; i++) {
    const group = /^(.+)_0$/.exec(extra[i]!);
    let size = 1;
    if (group) while (extra[i + size] === `${group[1]}_${size}`) size++;
    const base = size > 1 ? group![1]! : extra[i]!;
    mapping[base.startsWith('_') ? base : `_${base}`] = extra.slice(i, i + size);
    i += size - 1;
  }
  return mapping;
}

/** Parses and checks the header: magic, format, elements, properties, 'end_header'. */
export function parsePlyHeader(bytes: Uint8Array, fileName: string): PlyHeader {
  if (bytes.length === 0) throw new FileError(fileName, 'the file is empty');
  const magic = decodeLatin1(bytes, 0, Math.min(4, bytes.length));
  if (!/^ply[\r\n]/.test(magic))
    throw new FileError(fileName, 'not a PLY file: it does not start with "ply"');
  const limit = Math.min(bytes.length, 1 << 16);
  const headText = decodeLatin1(bytes, 0, limit);
  const match = /(^|[\r\n])end_header(\r\n|\r|\n)/.exec(headText);
  if (!match)
    throw new FileError(
      fileName,
      'the PLY header has no "end_header" line in its first 64 KiB (truncated or not PLY)',
    );
  const bodyOffset = match.index + match[0].length;
  const lines = headText.slice(0, match.index).split(/\r\n|\r|\n/);
  let format: PlyHeader['format'] | undefined;
  const elements: PlyHeader['elements'] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const fail = (problem: string): never => {
      throw new FileError(fileName, `PLY header line ${i + 1}: ${problem}`);
    };
    if (i === 0 || line === '') return;
    const words = line.split(/\s+/);
    switch (words[0]) {
      case 'format':
        if (words[1] !== 'ascii' && words[1] !== 'binary_little_endian' && words[1] !== 'binary_big_endian') {
          fail(`unknown format "${words[1] ?? ''}"`);
        }
        format = words[1] as PlyHeader['format'];
        break;
      case 'element': {
        const count = Number(words[2]);
        if (!words[1] || !Number.isSafeInteger(count) || count < 0) fail(`bad element line "${line}"`);
        elements.push({ name: words[1]!, count, properties: [] });
        break;
      }
      case 'property': {
        const element = elements[elements.length - 1] ?? fail('a property before any element');
        if (words[1] === 'list') {
          if (!TYPE_SIZES[words[2] ?? ''] || !TYPE_SIZES[words[3] ?? ''] || !words[4])
            fail(`bad list property "${line}"`);
          element.properties.push({
            name: words[4]!,
            type: 'list',
            list: { countType: words[2]!, itemType: words[3]! },
          });
        } else {
          if (!TYPE_SIZES[words[1] ?? ''] || !words[2]) fail(`bad property "${line}"`);
          element.properties.push({ name: words[2]!, type: words[1]! });
        }
        break;
      }
      case 'comment':
      case 'obj_info':
        break;
      default:
        fail(`unknown keyword "${words[0]}"`);
    }
  });
  if (!format) throw new FileError(fileName, 'the PLY header has no "format" line');
  const vertex = elements.find((e) => e.name === 'vertex');
  if (!vertex) throw new FileError(fileName, 'the PLY file has no "vertex" element');
  const names = new Set(vertex.properties.map((p) => p.name));
  if (!(names.has('x') && names.has('y') && names.has('z'))) {
    throw new FileError(fileName, 'the PLY vertices have no x, y, z properties');
  }
  const face = elements.find((e) => e.name === 'face');
  if (
    face &&
    !face.properties.some((p) => p.list && (p.name === 'vertex_indices' || p.name === 'vertex_index'))
  ) {
    throw new FileError(fileName, 'the PLY faces have no "vertex_indices" list property');
  }
  if (!face || face.count === 0)
    throw new FileError(fileName, 'no faces: the PLY file has no face element (a point cloud is not a mesh)');
  return { format, elements, bodyOffset };
}

/** Refuses huge files and bodies too short for what the header declares, before anything is allocated. */
function checkPlySizes(header: PlyHeader, file: InputFile, maxTriangles: number): void {
  const face = header.elements.find((e) => e.name === 'face')!;
  if (face.count > maxTriangles) {
    throw new FileError(
      file.name,
      `${face.count.toLocaleString('en')} faces is more than the limit of ${maxTriangles.toLocaleString('en')} triangles (raise the maxTriangles limit to load it)`,
    );
  }
  const bodyBytes = file.data.length - header.bodyOffset;
  let minimum = 0;
  for (const element of header.elements) {
    let perItem = 0;
    for (const property of element.properties) {
      if (header.format === 'ascii')
        perItem += 2; // one digit and one separator at least
      else if (property.list) {
        // A face has at least 3 corners; other lists may be empty.
        const corners = property.name === 'vertex_indices' || property.name === 'vertex_index' ? 3 : 0;
        perItem += TYPE_SIZES[property.list.countType]! + corners * TYPE_SIZES[property.list.itemType]!;
      } else perItem += TYPE_SIZES[property.type]!;
    }
    minimum += perItem * element.count;
  }
  if (minimum > bodyBytes) {
    throw new FileError(
      file.name,
      `the file is truncated: the header declares data of at least ${minimum.toLocaleString('en')} bytes, only ${bodyBytes.toLocaleString('en')} follow`,
    );
  }
}
