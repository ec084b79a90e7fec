import type { BufferAttribute, BufferGeometry, InterleavedBufferAttribute } from 'three';
import { inspectMesh, type MeshInspection } from '../../core/mesh/inspect';
import { geometryToMesh } from '../../core/mesh/threeGeometry';

/** Which buffers, at which versions, an inspection was made of (see `geometryStamp`). */
export interface GeometryStamp {
  index: BufferAttribute | null;
  indexVersion: number;
  position: BufferAttribute | InterleavedBufferAttribute;
  positionVersion: number;
}

interface CacheEntry extends GeometryStamp {
  inspection: MeshInspection;
}

const cache = new WeakMap<BufferGeometry, CacheEntry>();

/**
 * Thrown by `inspectGeometry` on a cache miss inside `withoutSyncInspection`: the caller (the editor's
 * plugin panel) would rather wait for the worker's inspection than freeze the UI thread computing it.
 */
export class InspectionPendingError extends Error {
  constructor(readonly geometry: BufferGeometry) {
    super('the mesh is still being inspected');
    this.name = 'InspectionPendingError';
  }
}

let syncInspectionForbidden = 0;

/**
 * `inspectMesh` of a scene geometry, remembered until its index or position attribute is replaced or
 * flagged as updated (`needsUpdate` bumps the attribute's version). For operator polls, which run on the
 * UI thread every time a panel refreshes: the first call costs a full inspection (≈0.1 s per 250k
 * triangles), later ones nothing. The editor seeds the cache from its inspection worker
 * (`seedInspection`) so that this first call is a hit too. Do not modify the returned object.
 */
export function inspectGeometry(geometry: BufferGeometry): MeshInspection {
  const entry = cache.get(geometry);
  if (entry && stampMatches(entry, geometry)) return entry.inspection;
  if (syncInspectionForbidden > 0) throw new InspectionPendingError(geometry);
  const stamp = geometryStamp(geometry);
  const inspection = inspectMesh(geometryToMesh(geometry));
  cache.set(geometry, { ...stamp, inspection });
  return inspection;
}

/** Whether `inspectGeometry(geometry)` would answer from the cache, without inspecting. */
export function hasInspection(geometry: BufferGeometry): boolean {
  const entry = cache.get(geometry);
  return entry !== undefined && stampMatches(entry, geometry);
}

/**
 * Remembers an inspection computed elsewhere (a worker) as `inspectGeometry`'s answer for `geometry`.
 * `stamp` is `geometryStamp(geometry)` taken when the geometry's arrays were sent off: if the geometry
 * changed since, the inspection is stale and is dropped (returns false).
 */
export function seedInspection(
  geometry: BufferGeometry,
  inspection: MeshInspection,
  stamp: GeometryStamp = geometryStamp(geometry),
): boolean {
  if (!stampMatches(stamp, geometry)) return false;
  cache.set(geometry, { ...stamp, inspection });
  return true;
}

/** The identity and versions of the buffers an inspection of `geometry` reads. */
export function geometryStamp(geometry: BufferGeometry): GeometryStamp {
  const index = geometry.getIndex();
  const position = geometry.getAttribute('position');
  return { index, indexVersion: index?.version ?? -1, position, positionVersion: versionOf(position) };
}

/**
 * Runs `poll` with cache misses of `inspectGeometry` turned into `InspectionPendingError` instead of
 * a synchronous inspection (seconds on a million triangles). The CLI never calls this.
 */
export function withoutSyncInspection<T>(poll: () => T): T {
  syncInspectionForbidden++;
  try {
    return poll();
  } finally {
    syncInspectionForbidden--;
  }
}

function stampMatches(stamp: GeometryStamp, geometry: BufferGeometry): boolean {
  const index = geometry.getIndex();
  const position = geometry.getAttribute('position');
  return (
    stamp.index === index &&
    stamp.indexVersion === (index?.version ?? -1) &&
    stamp.position === position &&
    stamp.positionVersion === versionOf(position)
  );
}

function versionOf(attribute: BufferAttribute | InterleavedBufferAttribute): number {
  return 'isInterleavedBufferAttribute' in attribute ? attribute.data.version : attribute.version;
}
