import type { BufferAttribute, BufferGeometry, InterleavedBufferAttribute } from 'three';
import { inspectMesh, type MeshInspection } from '../../core/mesh/inspect';
import { geometryToMesh } from '../../core/mesh/threeGeometry';

interface CacheEntry {
  index: BufferAttribute | null;
  indexVersion: number;
  position: BufferAttribute | InterleavedBufferAttribute;
  positionVersion: number;
  inspection: MeshInspection;
}

const cache = new WeakMap<BufferGeometry, CacheEntry>();

/**
 * `inspectMesh` of a scene geometry, remembered until its index or position attribute is replaced or
 * flagged as updated (`needsUpdate` bumps the attribute's version). For operator polls, which run on the
 * UI thread every time a panel refreshes: the first call costs a full inspection (≈0.1 s per 250k
 * triangles), later ones nothing. Do not modify the returned object.
 */
export function inspectGeometry(geometry: BufferGeometry): MeshInspection {
  const index = geometry.getIndex();
  const position = geometry.getAttribute('position');
  const entry = cache.get(geometry);
  if (
    entry &&
    entry.index === index &&
    entry.indexVersion === (index?.version ?? -1) &&
    entry.position === position &&
    entry.positionVersion === versionOf(position)
  ) {
    return entry.inspection;
  }
  const inspection = inspectMesh(geometryToMesh(geometry));
  cache.set(geometry, {
    index,
    indexVersion: index?.version ?? -1,
    position,
    positionVersion: versionOf(position),
    inspection,
  });
  return inspection;
}

function versionOf(attribute: BufferAttribute | InterleavedBufferAttribute): number {
  return 'isInterleavedBufferAttribute' in attribute ? attribute.data.version : attribute.version;
}
