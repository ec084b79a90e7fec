import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../src/core/mesh/inspect';
import { geometryToMesh, meshToGeometry } from '../../../src/core/mesh/threeGeometry';
import {
  InspectionPendingError,
  geometryStamp,
  hasInspection,
  inspectGeometry,
  seedInspection,
  withoutSyncInspection,
} from '../../../src/plugins/inspect-repair/inspectGeometry';
import { sphereMapPollFailure } from '../../../src/plugins/spherical-parametrize/spherePoll';
import { cube } from '../../core/mesh/fixtures';

describe('inspectGeometry', () => {
  it('inspects a scene geometry once and again only after its index or positions change', () => {
    const geometry = meshToGeometry(cube([0, 0, 0], [1]));
    const first = inspectGeometry(geometry);
    expect(first.boundaryEdges).toBe(4);
    expect(inspectGeometry(geometry)).toBe(first);
    // Edit the index in place and flag it: the cache must notice.
    const index = geometry.getIndex()!;
    index.array.fill(0, 0, 6);
    index.needsUpdate = true;
    const second = inspectGeometry(geometry);
    expect(second).not.toBe(first);
    expect(second.degenerateFaces).toBe(2);
    geometry.getAttribute('position').needsUpdate = true;
    expect(inspectGeometry(geometry)).not.toBe(second);
  });
});

describe('seedInspection', () => {
  it('answers inspectGeometry from an inspection made elsewhere, until the geometry changes', () => {
    const geometry = meshToGeometry(cube([0, 0, 0], [1]));
    expect(hasInspection(geometry)).toBe(false);
    const stamp = geometryStamp(geometry);
    // As the editor's worker does: inspect copies of the arrays, then hand the result back.
    const elsewhere = inspectMesh(geometryToMesh(meshToGeometry(cube([0, 0, 0], [1]))));
    expect(seedInspection(geometry, elsewhere, stamp)).toBe(true);
    expect(hasInspection(geometry)).toBe(true);
    expect(inspectGeometry(geometry)).toBe(elsewhere);
    geometry.getAttribute('position').needsUpdate = true;
    expect(hasInspection(geometry)).toBe(false);
    const fresh = inspectGeometry(geometry);
    expect(fresh).not.toBe(elsewhere);
    expect(fresh.boundaryEdges).toBe(elsewhere.boundaryEdges);
  });

  it('drops an inspection of buffers the geometry no longer has', () => {
    const geometry = meshToGeometry(cube([0, 0, 0], [1]));
    const stamp = geometryStamp(geometry);
    const stale = inspectMesh(geometryToMesh(geometry));
    geometry.getIndex()!.needsUpdate = true; // edited while the worker was busy
    expect(seedInspection(geometry, stale, stamp)).toBe(false);
    expect(hasInspection(geometry)).toBe(false);
  });

  it('refuses to inspect synchronously inside withoutSyncInspection, and says which geometry', () => {
    const geometry = meshToGeometry(cube([0, 0, 0], [1]));
    let thrown: unknown = null;
    try {
      withoutSyncInspection(() => sphereMapPollFailure(geometry));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InspectionPendingError);
    expect((thrown as InspectionPendingError).geometry).toBe(geometry);
    expect(hasInspection(geometry)).toBe(false);
    seedInspection(geometry, inspectMesh(geometryToMesh(geometry)));
    // Now a cache hit: the open cube's poll answers (and it is not a mappable mesh).
    expect(withoutSyncInspection(() => sphereMapPollFailure(geometry))?.reason).toMatch(
      /cannot map onto the sphere/,
    );
  });
});
