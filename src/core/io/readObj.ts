import { FileError } from './FileError';
import { imageFile } from './imageFile';
import { baseName, type FileResolver, type InputFile, type MaterialData, type ModelData } from './ModelData';
import { parseMtl, type MtlMaterial } from './parseMtl';
import { parseObj } from './parseObj';
import { validateMesh } from './validateMesh';

/**
 * Reads an OBJ with its MTL libraries and the base-colour texture they name (found through the
 * resolver, beside the OBJ). The whole file becomes ONE mesh in file order (objects and groups are
 * not split apart, which would renumber vertices); the first material used applies to it.
 */
export async function readObj(
  file: InputFile,
  resolve: FileResolver | undefined,
  options: { maxTriangles: number },
): Promise<ModelData> {
  const contents = parseObj(file.data, { fileName: file.name, maxTriangles: options.maxTriangles });
  validateMesh(contents.mesh, file.name);
  const warnings = [...contents.warnings];
  const library = new Map<string, MtlMaterial>();
  for (const path of contents.materialLibraries) {
    const bytes = await resolveFile(resolve, path);
    if (!bytes) {
      warnings.push(`the material library "${path}" was not found beside the file`);
      continue;
    }
    try {
      for (const [name, entry] of parseMtl(new TextDecoder().decode(bytes))) library.set(name, entry);
    } catch (error) {
      warnings.push(`the material library "${path}" could not be read (${(error as Error).message})`);
    }
  }
  let material: MaterialData | undefined;
  const used = contents.materialNames;
  if (used.length > 1)
    warnings.push(
      `${used.length} materials are used (${used.slice(0, 5).join(', ')}${used.length > 5 ? ', …' : ''}): only the first is applied to the whole mesh`,
    );
  const first = used[0] ?? (library.size === 1 ? [...library.keys()][0] : undefined);
  if (first !== undefined) {
    const entry = library.get(first);
    if (!entry) {
      if (contents.materialLibraries.length > 0)
        warnings.push(`the material "${first}" is not defined in the material libraries`);
    } else {
      material = { ...entry.material };
      if (entry.mapPath) {
        const bytes = await resolveFile(resolve, entry.mapPath);
        if (bytes) material.map = imageFile(entry.mapPath, bytes);
        else warnings.push(`the texture "${entry.mapPath}" was not found beside the file`);
      }
    }
  }
  const name = baseName(file.name);
  const root = {
    name: contents.objectName ?? name,
    mesh: contents.mesh,
    children: [],
    ...(material ? { material } : {}),
  };
  return { name, root, warnings };
}

async function resolveFile(resolve: FileResolver | undefined, path: string): Promise<Uint8Array | undefined> {
  if (!resolve) return undefined;
  try {
    return (await resolve(path.replace(/\\/g, '/').replace(/^\.\//, ''))) ?? undefined;
  } catch (error) {
    throw new FileError(path, `could not be read (${(error as Error).message})`);
  }
}
