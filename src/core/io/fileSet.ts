import { formatOfExtension } from './formats';
import { extensionOf, type FileResolver, type InputFile } from './ModelData';

/**
 * For several files dropped or picked at once (or a folder): which of them are models to open, and a
 * resolver that finds each one's MTL, textures and buffers among the others. Paths are '/'-separated
 * as `InputFile.name` allows ('scan/model.obj', 'scan/tex/skin.png').
 */

/** The files a reader can open, in the given order (companions such as .mtl, .bin and images left out). */
export function modelFiles(files: readonly InputFile[]): InputFile[] {
  return files.filter((f) => formatOfExtension(extensionOf(f.name))?.read);
}

/**
 * A resolver for `main`'s companions: a path as written in the model ('tex/skin.png', './a.mtl',
 * '../shared/b.png', 'C:\\exports\\skin.png') is looked up relative to the main file's folder, then,
 * failing that, by file name alone anywhere in the set, ignoring case (exporters often write absolute
 * paths or the wrong case).
 */
export function resolverFor(main: InputFile, files: readonly InputFile[]): FileResolver {
  const byPath = new Map<string, Uint8Array>();
  const byName = new Map<string, Uint8Array>();
  for (const file of files) {
    const path = normalise(file.name);
    byPath.set(path.toLowerCase(), file.data);
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    if (!byName.has(name)) byName.set(name, file.data);
  }
  const mainPath = normalise(main.name);
  const folder = mainPath.slice(0, mainPath.lastIndexOf('/') + 1);
  return (relativePath) => {
    const path = normalise(folder + relativePath.replace(/\\/g, '/'));
    const found = byPath.get(path.toLowerCase());
    if (found) return found;
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    return byName.get(name);
  };
}

/** 'a/./b/../c.png' → 'a/c.png'; backslashes become slashes; a leading '/' or drive letter is dropped. */
function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path
    .replace(/\\/g, '/')
    .replace(/^[a-zA-Z]:/, '')
    .split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
