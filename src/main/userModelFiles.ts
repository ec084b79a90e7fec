import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { modelNameProblem } from '../plugins/segment-meshcnn/modelName';

/** Models the user trained, as `<dir>/NAME.hmcn` files (dir: `<userData>/models` on the desktop). */
export interface ModelFileStore {
  list(): Promise<string[]>;
  load(name: string): Promise<Uint8Array | null>;
  save(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
}

function fileOf(dir: string, name: unknown): string {
  if (typeof name !== 'string') throw new Error('bad model name');
  const problem = modelNameProblem(name);
  if (problem) throw new Error(problem); // also keeps paths inside dir (no '/', no '..')
  return join(dir, `${name}.hmcn`);
}

export function modelFileStore(dir: string): ModelFileStore {
  return {
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      return names
        .filter((n) => n.endsWith('.hmcn'))
        .map((n) => n.slice(0, -'.hmcn'.length))
        .filter((n) => modelNameProblem(n) === null)
        .sort((a, b) => a.localeCompare(b));
    },
    async load(name) {
      try {
        return new Uint8Array(await readFile(fileOf(dir, name)));
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw error;
      }
    },
    async save(name, bytes) {
      const file = fileOf(dir, name);
      await mkdir(dir, { recursive: true });
      // Written beside, then renamed (as the recovery copy): a crash never leaves a truncated model.
      await writeFile(`${file}.tmp`, bytes);
      await rename(`${file}.tmp`, file);
    },
    async remove(name) {
      await rm(fileOf(dir, name), { force: true });
    },
  };
}
