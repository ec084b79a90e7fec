import { describe, expect, it } from 'vitest';
import { meshToGeometry } from '../../../src/core/mesh/threeGeometry';
import { inspectGeometry } from '../../../src/plugins/inspect-repair/inspectGeometry';
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
