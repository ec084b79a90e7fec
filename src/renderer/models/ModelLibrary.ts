import { loadModel, type SegmentClass } from '../../core/meshcnn/modelFile';
import { modelNameProblem } from '../../plugins/segment-meshcnn/modelName';
import {
  registerUserModel,
  unregisterUserModel,
  userModelBytes,
  USER_MODEL_PREFIX,
} from '../../plugins/segment-meshcnn/userModels';
import type { ModelStore } from '../platform/Platform';

/** What the editor shows of a saved model. */
export interface SavedModel {
  name: string;
  classes: SegmentClass[];
  /** Bytes of the .hmcn file. */
  size: number;
}

/**
 * The models the user trained: kept by the platform's store (IndexedDB / user-data files), offered in
 * Segment with MeshCNN's Model choice (as 'user:NAME') and as a starting point for the next fine-tune.
 * Listeners hear of every save and delete (the panels refresh their choices).
 */
export class ModelLibrary {
  private readonly saved = new Map<string, SavedModel>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly store: ModelStore) {}

  /** Reads every stored model (at start); one that cannot be read is reported and skipped. */
  async load(onProblem: (message: string) => void = () => {}): Promise<void> {
    for (const name of await this.store.list()) {
      try {
        const bytes = await this.store.load(name);
        if (bytes) this.register(name, bytes, loadModel(bytes).info.classes);
      } catch (error) {
        onProblem(
          `The saved model "${name}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    this.changed();
  }

  get models(): SavedModel[] {
    return [...this.saved.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  has(name: string): boolean {
    return this.saved.has(name);
  }

  /** The bytes of a saved model. */
  bytes(name: string): Uint8Array | null {
    return userModelBytes(`${USER_MODEL_PREFIX}${name}`);
  }

  /** Checks the bytes are a model, stores them, and offers the model; replaces one of the same name. */
  async save(name: string, bytes: Uint8Array): Promise<SavedModel> {
    const problem = modelNameProblem(name);
    if (problem) throw new Error(problem);
    const { info } = loadModel(bytes); // a corrupt file must not reach the store
    await this.store.save(name, bytes);
    const model = this.register(name, bytes, info.classes);
    this.changed();
    return model;
  }

  /**
   * Adds a model file the user gave (dropped, or picked with Import): named after the file, with a
   * number added when that name is taken, so an import never replaces a model. A file that is not a
   * MeshCNN model throws and stores nothing.
   */
  async importFile(fileName: string, bytes: Uint8Array): Promise<SavedModel> {
    const base = modelNameFromFile(fileName);
    let name = base;
    for (let n = 2; this.saved.has(name); n++) name = `${base.slice(0, 60)} ${n}`;
    return this.save(name, bytes);
  }

  async remove(name: string): Promise<void> {
    await this.store.remove(name);
    this.saved.delete(name);
    unregisterUserModel(name);
    this.changed();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private register(name: string, bytes: Uint8Array, classes: SegmentClass[]): SavedModel {
    const model: SavedModel = { name, classes, size: bytes.byteLength };
    this.saved.set(name, model);
    registerUserModel(name, bytes);
    return model;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** 'models/My vase:v2.hmcn' → 'My vase_v2': the file's base name made into a valid model name. */
export function modelNameFromFile(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.hmcn$/i, '');
  const name = base
    .replace(/[^\p{L}\p{N} _.-]/gu, '_')
    .replace(/^[ .]+/, '')
    .slice(0, 64)
    .trimEnd();
  return modelNameProblem(name) === null ? name : 'imported model';
}
