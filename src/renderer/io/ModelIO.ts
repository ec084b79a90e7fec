import type { Object3D } from 'three';
import type { PickedFile } from './droppedFiles';

export type ExportFormat = 'glb' | 'obj' | 'ply' | 'stl';

/** What one import produced: the new objects (one per model file) and what went wrong, per file. */
export interface ImportResult {
  objects: Object3D[];
  warnings: string[];
  failures: { path: string; message: string }[];
}

/**
 * Reading and writing models for the editor. Parsing and encoding run in a worker so that a
 * million-triangle file does not freeze the UI; only the conversion to and from three.js objects
 * (which shares the typed arrays, no copies) happens on this thread.
 */
export interface ModelIO {
  /** The model files among `files` are read; the others (MTL, textures, .bin) are found by them. */
  readFiles(files: readonly PickedFile[]): Promise<ImportResult>;
  /** Encodes objects (and their children) in one file of the format. */
  write(objects: readonly Object3D[], format: ExportFormat, name: string): Promise<Uint8Array>;
  /** Extensions of model files the readers understand ('obj', 'glb', …). */
  readonly modelExtensions: readonly string[];
}
