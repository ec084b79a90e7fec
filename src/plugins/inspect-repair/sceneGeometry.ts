import { BufferGeometry, type Mesh as ThreeMesh, type Object3D } from 'three';
import { ATTRIBUTE_INFO_KEY, FACE_ATTRIBUTES_KEY, type AttributeInfo } from '../../core/mesh/attributeInfo';
import { GEOMETRY_USERDATA_KEYS } from '../../core/mesh/threeGeometry';

/** The object as a three.js mesh with a position attribute, or null. */
export function asMesh(object: Object3D | null): ThreeMesh | null {
  const mesh = object as Partial<ThreeMesh> | null;
  if (!mesh || mesh.isMesh !== true || !mesh.geometry?.getAttribute('position')) return null;
  return mesh as ThreeMesh;
}

/**
 * A new geometry that shares the old one's index, attributes and morph targets (no copies), for a
 * command that changes only some attributes or userData: undo swaps the old geometry back.
 */
export function shareGeometry(old: BufferGeometry): BufferGeometry {
  const geometry = new BufferGeometry();
  geometry.name = old.name;
  geometry.setIndex(old.index);
  for (const [name, attribute] of Object.entries(old.attributes)) geometry.setAttribute(name, attribute);
  const morph = geometry.morphAttributes as Record<string, (typeof old.morphAttributes)['position']>;
  for (const [name, list] of Object.entries(old.morphAttributes)) morph[name] = [...(list ?? [])];
  geometry.morphTargetsRelative = old.morphTargetsRelative;
  for (const group of old.groups) geometry.addGroup(group.start, group.count, group.materialIndex);
  geometry.setDrawRange(old.drawRange.start, old.drawRange.count);
  geometry.userData = { ...old.userData };
  if (old.boundingBox) geometry.boundingBox = old.boundingBox.clone();
  if (old.boundingSphere) geometry.boundingSphere = old.boundingSphere.clone();
  return geometry;
}

/**
 * Carries plugin userData from an old geometry to its replacement: every key except those the
 * Mesh ↔ geometry conversion owns, and the attributeInfo entries of attributes that still exist
 * (minus `drop`, e.g. stale inspection labels).
 */
export function carryUserData(
  old: BufferGeometry,
  geometry: BufferGeometry,
  drop: readonly string[] = [],
): void {
  for (const [key, value] of Object.entries(old.userData)) {
    if (key === ATTRIBUTE_INFO_KEY || GEOMETRY_USERDATA_KEYS.includes(key) || key in geometry.userData)
      continue;
    geometry.userData[key] = value;
  }
  const oldInfo = old.userData[ATTRIBUTE_INFO_KEY] as Record<string, AttributeInfo> | undefined;
  if (!oldInfo) return;
  const faceAttributes = (geometry.userData[FACE_ATTRIBUTES_KEY] ?? {}) as Record<string, unknown>;
  const info: Record<string, AttributeInfo> = {};
  for (const [name, entry] of Object.entries(oldInfo)) {
    if (drop.includes(name)) continue;
    if (geometry.getAttribute(name) || name in faceAttributes) info[name] = entry;
  }
  if (Object.keys(info).length) geometry.userData[ATTRIBUTE_INFO_KEY] = info;
}
