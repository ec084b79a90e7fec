import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ModelData } from '../core/io/ModelData';
import { readModel } from '../core/io/readModel';
import type { WriteFormat } from '../core/io/formats';
import { writeModel } from '../core/io/writeModel';

/**
 * Reads a model file from disk with the project's readers. Files it refers to (MTL, textures,
 * external glTF buffers) are looked up beside it; a missing one is left to the reader to report.
 */
export async function readModelFile(path: string): Promise<ModelData> {
  const data = new Uint8Array(await readFile(path));
  const folder = dirname(path);
  return readModel({ name: basename(path), data }, async (relative) => {
    try {
      return new Uint8Array(await readFile(join(folder, relative)));
    } catch {
      return undefined;
    }
  });
}

/** Writes `model` to `path` in `format`, creating the folder; returns the bytes written. */
export async function writeModelFile(model: ModelData, path: string, format: WriteFormat): Promise<number> {
  const bytes = await writeModel(model, format);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return bytes.byteLength;
}
