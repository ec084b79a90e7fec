import { Matrix3, Vector3 } from 'three';
import { CORNER_UVS } from '../mesh/threeGeometry';
import { MATERIAL_FACE_ATTRIBUTE, type MaterialData, type ModelData } from './ModelData';
import { worldMeshes } from './worldMeshes';

/**
 * Writes the model's meshes as one OBJ (transforms baked in, one 'o' per mesh). Our own writer
 * rather than three.js's OBJExporter because that one writes from the float32 scene geometry, so
 * float64 positions would lose precision and per-corner UVs would be written split at the seams;
 * this one writes each vertex once, in mesh order, with the shortest decimal that reads back to the
 * same value (float64 stays float64, float32 stays float32), per-vertex or per-corner UVs ('vt'),
 * normals ('vn') and 'v x y z r g b' colours. Custom attributes are not written (use GLB to keep
 * them); materials and textures only through writeObjFiles (an MTL and image files beside the OBJ).
 */
export function writeObj(
  model: ModelData,
  materials?: { library: string; names: Map<MaterialData, string> },
): Uint8Array {
  const out: string[] = [`# ${model.name}, written by Homeomorph\n`];
  if (materials) out.push(`mtllib ${materials.library}\n`);
  let vertexBase = 1;
  let uvBase = 1;
  let normalBase = 1;
  for (const { node, mesh, world } of worldMeshes(model)) {
    const positions = mesh.positions;
    const is32 = positions instanceof Float32Array;
    const vertexTotal = positions.length / 3;
    const lines: string[] = [`o ${node.name.replace(/\s+/g, '_') || 'mesh'}\n`];
    // With several materials, a 'usemtl' wherever the face's material changes.
    const faceMaterials = node.materials && mesh.faceAttributes?.[MATERIAL_FACE_ATTRIBUTE]?.array;
    const perFace =
      materials && faceMaterials && faceMaterials.length === mesh.indices.length / 3
        ? faceMaterials
        : undefined;
    const materialName = node.material && materials?.names.get(node.material);
    if (materialName && !perFace) lines.push(`usemtl ${materialName}\n`);
    const p = new Vector3();
    const colors = mesh.colors;
    const colorSize = mesh.colorSize ?? 3;
    for (let v = 0; v < vertexTotal; v++) {
      p.set(positions[3 * v]!, positions[3 * v + 1]!, positions[3 * v + 2]!);
      if (world) p.applyMatrix4(world);
      let line = `v ${num(p.x, is32 && !world)} ${num(p.y, is32 && !world)} ${num(p.z, is32 && !world)}`;
      if (colors)
        line += ` ${num(colors[colorSize * v]!, true)} ${num(colors[colorSize * v + 1]!, true)} ${num(colors[colorSize * v + 2]!, true)}`;
      lines.push(line + '\n');
    }
    const cornerUvs = mesh.uvs ? undefined : mesh.faceAttributes?.[CORNER_UVS]?.array;
    if (mesh.uvs)
      for (let v = 0; v < vertexTotal; v++)
        lines.push(`vt ${num(mesh.uvs[2 * v]!, true)} ${num(mesh.uvs[2 * v + 1]!, true)}\n`);
    if (cornerUvs)
      for (let c = 0; c < cornerUvs.length; c += 2)
        lines.push(`vt ${num(cornerUvs[c]!, true)} ${num(cornerUvs[c + 1]!, true)}\n`);
    if (mesh.normals) {
      const normalMatrix = world ? new Matrix3().getNormalMatrix(world) : undefined;
      const n = new Vector3();
      for (let v = 0; v < vertexTotal; v++) {
        n.set(mesh.normals[3 * v]!, mesh.normals[3 * v + 1]!, mesh.normals[3 * v + 2]!);
        if (normalMatrix) n.applyMatrix3(normalMatrix).normalize();
        lines.push(`vn ${num(n.x, !normalMatrix)} ${num(n.y, !normalMatrix)} ${num(n.z, !normalMatrix)}\n`);
      }
    }
    const indices = mesh.indices;
    let current = -1;
    for (let f = 0; f < indices.length; f += 3) {
      if (perFace && perFace[f / 3] !== current) {
        current = perFace[f / 3]!;
        const name = node.materials![current] && materials!.names.get(node.materials![current]!);
        if (name) lines.push(`usemtl ${name}\n`);
      }
      let line = 'f';
      for (let k = 0; k < 3; k++) {
        const v = indices[f + k]!;
        line += ` ${v + vertexBase}`;
        const uv = mesh.uvs ? v + uvBase : cornerUvs ? f + k + uvBase : 0;
        if (uv || mesh.normals) line += `/${uv || ''}`;
        if (mesh.normals) line += `/${v + normalBase}`;
      }
      lines.push(line + '\n');
    }
    vertexBase += vertexTotal;
    if (mesh.uvs) uvBase += vertexTotal;
    if (cornerUvs) uvBase += cornerUvs.length / 2;
    if (mesh.normals) normalBase += vertexTotal;
    out.push(lines.join(''));
  }
  return new TextEncoder().encode(out.join(''));
}

/** The shortest decimal that reads back to x (as float32 when `single`, else as float64). */
function num(x: number, single: boolean): string {
  if (!single) return String(x);
  for (let digits = 6; digits < 9; digits++) {
    const text = String(Number(x.toPrecision(digits)));
    if (Math.fround(Number(text)) === x) return text;
  }
  return String(Number(x.toPrecision(9)));
}

/** A written file: a path relative to the main file's folder, and its bytes. */
export interface OutputFile {
  name: string;
  data: Uint8Array;
}

/**
 * The OBJ with its materials: `<base>.obj`, `<base>.mtl` (Kd as sRGB, d, Ns from roughness, map_Kd)
 * and each texture image under its own name, so that readModel with a resolver over these files gives
 * the materials and textures back. Only the first material of the OBJ applies on reading (see readObj).
 */
export function writeObjFiles(model: ModelData, base: string): OutputFile[] {
  const names = new Map<MaterialData, string>();
  const images = new Map<string, Uint8Array>();
  const mtl: string[] = [`# materials of ${model.name}, written by Homeomorph\n`];
  const all = worldMeshes(model).flatMap(
    ({ node }) => node.materials ?? (node.material ? [node.material] : []),
  );
  for (const material of all) {
    if (names.has(material)) continue;
    let name = (material.name ?? 'material').replace(/\s+/g, '_') || 'material';
    while ([...names.values()].includes(name)) name += '_';
    names.set(material, name);
    const [r, g, b] = (material.color ?? [1, 1, 1]).map(linearToSrgb);
    mtl.push(`\nnewmtl ${name}\nKd ${num6(r!)} ${num6(g!)} ${num6(b!)}\nd ${num6(material.opacity ?? 1)}\n`);
    const roughness = material.roughness ?? 1;
    mtl.push(`Ns ${num6(Math.max(0, 2 / Math.max(roughness * roughness, 1e-4) - 2))}\n`);
    if (material.metalness !== undefined) mtl.push(`Pm ${num6(material.metalness)}\n`);
    if (material.map) {
      const imageName = material.map.name.replace(/^(\.\.\/)+|^\//, '') || `${name}.png`;
      images.set(imageName, material.map.bytes);
      mtl.push(`map_Kd ${imageName}\n`);
    }
  }
  if (names.size === 0) return [{ name: `${base}.obj`, data: writeObj(model) }];
  const files: OutputFile[] = [
    { name: `${base}.obj`, data: writeObj(model, { library: `${base}.mtl`, names }) },
    { name: `${base}.mtl`, data: new TextEncoder().encode(mtl.join('')) },
  ];
  for (const [name, data] of images) files.push({ name, data });
  return files;
}

function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055;
}

function num6(x: number): string {
  return String(Number(x.toPrecision(6)));
}
