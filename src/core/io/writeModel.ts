import type { BufferGeometry } from 'three';
import { Group, Mesh as ThreeMesh, type BufferAttribute } from 'three';
import { PLYExporter } from 'three/examples/jsm/exporters/PLYExporter.js';
import { STLExporter } from 'three/examples/jsm/exporters/STLExporter.js';
import type { Mesh } from '../mesh/Mesh';
import { InputError } from '../plugin/Job';
import { CORNER_UVS, meshToGeometry } from '../mesh/threeGeometry';
import type { ModelData } from './ModelData';
import type { WriteFormat } from './formats';
import { writeGlb } from './writeGltf';
import { writeObj, writeObjFiles, type OutputFile } from './writeObj';

export type { OutputFile } from './writeObj';
import { worldMeshes } from './worldMeshes';

/**
 * Writes a model in one of the writable formats (GLB by default: the only one that keeps materials,
 * textures, custom attributes, face attributes and userData; see docs/io.md for what each keeps).
 * OBJ uses our writer (writeObj.ts), PLY and STL three.js's exporters (binary little-endian).
 */
export async function writeModel(model: ModelData, format: WriteFormat = 'glb'): Promise<Uint8Array> {
  if (worldMeshes(model).length === 0)
    throw new InputError(`${model.name}: nothing to write, the model has no meshes`);
  switch (format) {
    case 'glb':
      return writeGlb(model);
    case 'obj':
      return writeObj(model);
    case 'ply':
      return writePly(model);
    case 'stl':
      return writeStl(model);
    default:
      throw new Error(`cannot write format "${String(format)}"`);
  }
}

/**
 * Like writeModel, but as files named after `base`: OBJ comes with its MTL and texture images (see
 * writeObjFiles); the other formats are one file `<base>.<format>`. For the CLI's convert and the
 * editor's export, which can write several files.
 */
export async function writeModelFiles(
  model: ModelData,
  format: WriteFormat = 'glb',
  base = model.name || 'model',
): Promise<OutputFile[]> {
  if (format === 'obj') {
    if (worldMeshes(model).length === 0)
      throw new InputError(`${model.name}: nothing to write, the model has no meshes`);
    return writeObjFiles(model, base);
  }
  return [{ name: `${base}.${format}`, data: await writeModel(model, format) }];
}

/**
 * PLY keeps positions, the index (vertex and face order), normals, per-vertex UVs, colours and the
 * custom vertex attributes (as extra vertex properties: '_NAME', or '_NAME_0', '_NAME_1'… for several
 * components). Per-corner UVs are dropped rather than splitting the vertices at the seams (that
 * would change the topology that PLY otherwise keeps).
 */
function writePly(model: ModelData): Uint8Array {
  const { group, geometries } = sceneForExport(model);
  const mapping: Record<string, string[]> = {};
  const first = geometries[0];
  for (const [name, attribute] of Object.entries(first?.attributes ?? {}) as [string, BufferAttribute][]) {
    if (
      !name.startsWith('_') ||
      !geometries.every((g) => g.getAttribute(name)?.itemSize === attribute.itemSize)
    )
      continue;
    mapping[name] =
      attribute.itemSize === 1
        ? [name]
        : Array.from({ length: attribute.itemSize }, (_, k) => `${name}_${k}`);
  }
  // No onDone callback: the exporter would call it through requestAnimationFrame (DOM only); it
  // also returns the result synchronously.
  const onDone = undefined as unknown as (data: ArrayBuffer) => void;
  const result = new PLYExporter().parse(group, onDone, {
    binary: true,
    littleEndian: true,
    customPropertyMapping: mapping,
  });
  if (!(result instanceof ArrayBuffer)) throw new Error('the PLY exporter produced nothing');
  return new Uint8Array(result);
}

/** STL keeps only triangles (positions, world transforms baked in). */
function writeStl(model: ModelData): Uint8Array {
  const { group } = sceneForExport(model);
  const view = new STLExporter().parse(group, { binary: true }) as DataView;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** A flat group of three.js meshes in world space for the exporters (which read matrixWorld). */
function sceneForExport(model: ModelData): { group: Group; geometries: BufferGeometry[] } {
  const group = new Group();
  const geometries: BufferGeometry[] = [];
  for (const { mesh, world } of worldMeshes(model)) {
    const geometry = meshToGeometry(withoutCornerUvs(mesh));
    const object = new ThreeMesh(geometry);
    if (world) {
      object.matrixAutoUpdate = false;
      object.matrix.copy(world);
    }
    group.add(object);
    geometries.push(geometry);
  }
  group.updateMatrixWorld(true);
  return { group, geometries };
}

function withoutCornerUvs(mesh: Mesh): Mesh {
  if (!mesh.faceAttributes?.[CORNER_UVS]) return mesh;
  const faceAttributes = { ...mesh.faceAttributes };
  delete faceAttributes[CORNER_UVS];
  return { ...mesh, faceAttributes };
}
