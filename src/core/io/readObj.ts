import { FileError } from './FileError';
import { imageFile } from './imageFile';
import {
  baseName,
  type FileResolver,
  type InputFile,
  type MaterialData,
  type ModelData,
  type ModelNode,
} from './ModelData';
import { parseMtl, type MtlMaterial } from './parseMtl';
import { parseObj } from './parseObj';
import { validateMesh } from './validateMesh';

/**
 * Reads an OBJ with its MTL libraries and the base-colour texture they name (found through the
 * resolver, beside the OBJ). The whole file becomes ONE mesh in file order (objects and groups are
 * not split apart, which would renumber vertices). Several materials stay on the one mesh: `materials`
 * and the `_MATERIAL` face attribute say which face uses which.
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
  // One MaterialData per used name (one texture load per path); '' is the faces before any 'usemtl'.
  const textures = new Map<string, Promise<Uint8Array | undefined>>();
  const missing = new Set<string>();
  const materialFor = async (materialName: string): Promise<MaterialData> => {
    const entry = library.get(materialName);
    if (!entry) {
      if (materialName && contents.materialLibraries.length > 0)
        missing.add(`the material "${materialName}" is not defined in the material libraries`);
      return materialName ? { name: materialName } : {};
    }
    const material: MaterialData = { ...entry.material };
    if (entry.mapPath) {
      if (!textures.has(entry.mapPath)) textures.set(entry.mapPath, resolveFile(resolve, entry.mapPath));
      const bytes = await textures.get(entry.mapPath);
      if (bytes) material.map = imageFile(entry.mapPath, bytes);
      else missing.add(`the texture "${entry.mapPath}" was not found beside the file`);
    }
    return material;
  };
  const used = contents.materialNames;
  const first = used[0] ?? (library.size === 1 ? [...library.keys()][0] : undefined);
  const materials = used.length > 1 ? await Promise.all(used.map(materialFor)) : undefined;
  const material = materials?.[0] ?? (first !== undefined ? await materialFor(first) : undefined);
  warnings.push(...missing);
  const name = baseName(file.name);
  const root: ModelNode = { name: contents.objectName ?? name, mesh: contents.mesh, children: [] };
  if (material && (Object.keys(material).length > 0 || materials)) root.material = material;
  if (materials) root.materials = materials;
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
