import { FileError } from './FileError';
import { formatOfExtension, READABLE_EXTENSIONS, type ReadFormat } from './formats';
import { extensionOf, type FileResolver, type InputFile, type ModelData } from './ModelData';
import { readGltf } from './readGltf';
import { readObj } from './readObj';
import { readHshc } from './readHshc';
import { readOff } from './readOff';
import { readPly } from './readPly';
import { isBinaryStl, readStl } from './readStl';
import { decodeLatin1 } from './textScanner';

export interface ReadOptions {
  /**
   * Files with more triangles are refused before anything is allocated for them. The default,
   * 4 million, loads the ~1M-triangle scans users bring and refuses what would exhaust a browser tab.
   */
  maxTriangles?: number;
}

export const DEFAULT_MAX_TRIANGLES = 4_000_000;

/**
 * Reads a model file into plain data. The reader is picked by the file's content where it has a
 * signature (GLB 'glTF', 'ply', 'OFF', a JSON glTF, a binary STL of the exact size) and by its
 * extension otherwise, so a file with a wrong extension still loads (with a warning).
 *
 * @param resolve finds the files beside it (MTL, textures, .bin buffers); without it they are missing.
 * @throws FileError (an InputError) naming the file and the problem, for every bad file; never
 *         anything else, whatever the bytes.
 */
export async function readModel(
  file: InputFile,
  resolve?: FileResolver,
  options: ReadOptions = {},
): Promise<ModelData> {
  const maxTriangles = options.maxTriangles ?? DEFAULT_MAX_TRIANGLES;
  const format = detectFormat(file);
  const limits = { maxTriangles };
  try {
    let model: ModelData;
    switch (format.format) {
      case 'obj':
        model = await readObj(file, resolve, limits);
        break;
      case 'gltf':
      case 'glb':
        model = await readGltf(file, resolve, limits);
        break;
      case 'ply':
        model = readPly(file, limits);
        break;
      case 'stl':
        model = readStl(file, limits);
        break;
      case 'off':
        model = readOff(file, limits);
        break;
      case 'hshc':
        model = readHshc(file, limits);
        break;
    }
    if (format.warning) model.warnings.unshift(format.warning);
    return model;
  } catch (error) {
    if (error instanceof FileError) throw error;
    // A library's own exception on damaged data (RangeError, TypeError…): same clean error.
    const message = error instanceof Error ? error.message : String(error);
    throw new FileError(
      file.name,
      `could not be read as ${format.format.toUpperCase()}: the data is damaged (${message})`,
    );
  }
}

/** The reader for a file: its signature first, its extension second. */
export function detectFormat(file: InputFile): { format: ReadFormat; warning?: string } {
  const ext = extensionOf(file.name);
  const byName = formatOfExtension(ext)?.id;
  const sniffed = sniffFormat(file.data);
  if (file.data.length === 0) {
    if (!byName) throw new FileError(file.name, 'the file is empty');
    return { format: byName };
  }
  if (sniffed && byName && sniffed !== byName && !(sniffed === 'gltf' && byName === 'glb')) {
    return {
      format: sniffed,
      warning: `the file is ${sniffed.toUpperCase()} data despite its .${ext} extension`,
    };
  }
  const format = byName ?? sniffed;
  if (!format) {
    throw new FileError(
      file.name,
      `unknown file type${ext ? ` ".${ext}"` : ''}: readable are ${READABLE_EXTENSIONS.map((e) => `.${e}`).join(', ')}`,
    );
  }
  return { format };
}

function sniffFormat(bytes: Uint8Array): ReadFormat | undefined {
  const head = decodeLatin1(bytes, 0, Math.min(bytes.length, 16));
  if (head.startsWith('glTF')) return 'glb';
  if (head.startsWith('HSHC')) return 'hshc';
  if (/^ply\r?\n/.test(head)) return 'ply';
  if (/^(ST)?C?N?OFF\s/.test(head)) return 'off';
  if (/^\s*\{/.test(head)) return 'gltf';
  if (bytes.length >= 84 && isBinaryStl(bytes) && !/^\s*solid/.test(head)) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (84 + 50 * view.getUint32(80, true) === bytes.length) return 'stl';
  }
  return undefined;
}
