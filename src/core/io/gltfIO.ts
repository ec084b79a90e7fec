import { PlatformIO, type ILogger } from '@gltf-transform/core';
import { FileError } from './FileError';
import type { FileResolver } from './ModelData';

/**
 * glTF-Transform's I/O service over bytes in memory: the main file is handed in, every other URI
 * (external .bin buffers, images) goes to the FileResolver. WebIO/NodeIO are not used because they
 * fetch or read the file system; this works the same in the browser, workers and Node.
 */
export class InMemoryGltfIO extends PlatformIO {
  static readonly MAIN = '\u0000main';

  constructor(
    private readonly fileName: string,
    private readonly main?: Uint8Array,
    private readonly resolver?: FileResolver,
    warnings?: string[],
  ) {
    super();
    this.setLogger(collectingLogger(warnings ?? []));
  }

  protected readURI(uri: string, type: 'view'): Promise<Uint8Array<ArrayBuffer>>;
  protected readURI(uri: string, type: 'text'): Promise<string>;
  protected async readURI(uri: string, type: 'view' | 'text'): Promise<Uint8Array<ArrayBuffer> | string> {
    let bytes: Uint8Array | undefined;
    if (uri === InMemoryGltfIO.MAIN) bytes = this.main;
    else {
      const path = safeDecode(uri).replace(/^\.\//, '');
      bytes = (await this.resolver?.(path)) ?? undefined;
      if (!bytes)
        throw new FileError(this.fileName, `the file "${path}" it refers to was not found beside it`);
    }
    if (!bytes) throw new FileError(this.fileName, 'the file is empty');
    const view =
      bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
    return type === 'text' ? new TextDecoder().decode(view) : view;
  }

  protected resolve(base: string, path: string): string {
    return base ? `${base}/${path}` : path;
  }

  protected dirname(): string {
    return '';
  }
}

function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** glTF-Transform's warnings become the model's warnings; its debug chatter is dropped. */
function collectingLogger(warnings: string[]): ILogger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (text: string) => warnings.push(text),
    error: (text: string) => warnings.push(text),
  };
}

/** Where our own data lives in a primitive's extras (everything else there is the mesh's userData). */
export const EXTRAS_KEY = 'homeomorph';

/**
 * Arrays glTF has no place for (face attributes, vertex attributes of types or sizes glTF attributes
 * cannot hold, UV seam sources) are stored as unreferenced accessors, named so the reader can find
 * them, and described in the primitive's extras under EXTRAS_KEY.
 */
export interface StoredArray {
  role: 'face' | 'vertex' | 'seamSource';
  name: string;
  /** The accessor's name. */
  accessor: string;
  /** The typed array's constructor name ('Int32Array'); stored as bytes when glTF has no such type. */
  type: string;
  itemSize: number;
}

export interface PrimitiveExtras {
  version: 1;
  arrays: StoredArray[];
  /**
   * Set on the first primitive of a mesh written as one primitive per material: all its primitives
   * share the vertex accessors, and the stored '_MATERIAL' face attribute (each face's primitive)
   * restores the faces' order.
   */
  splitByMaterial?: true;
}
