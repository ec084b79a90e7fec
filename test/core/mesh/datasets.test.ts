import { describe, expect, it } from 'vitest';
import { inspectMesh } from '../../../src/core/mesh/inspect';
import { hasShared, loadSharedMesh, sharedDir } from '../../helpers/shared';

/** The table of ../shared/datasets/README.md (vertex counts; all closed genus 0 unless said). */
const CLOSED_GENUS_0: [file: string, vertices: number | null][] = [
  ['spot.obj', 11533],
  ['spot_low.obj', 829],
  ['spot_color.obj', null], // "~2.9k"
  ['armadillo.obj', 14587],
  ['bunny.obj', 3301],
  ['bunny_hr.obj', 29834],
  ['nefertiti_lowres.obj', 35002],
  ['human_man.obj', 6890],
  ['human_woman.obj', 6890],
  ['cheburashka.obj', null],
  ['fandisk.obj', null],
];

describe.skipIf(!hasShared)(`inspectMesh on the shared meshes (${sharedDir})`, () => {
  it.each(CLOSED_GENUS_0)('%s is closed, manifold, one piece, genus 0', (file, vertices) => {
    const r = inspectMesh(loadSharedMesh(file));
    if (vertices !== null) expect(r.vertices).toBe(vertices);
    else if (file === 'spot_color.obj') expect(Math.round(r.vertices / 100)).toBe(29);
    expect(r.closed).toBe(true);
    expect(r.manifold).toBe(true);
    expect(r.orientable).toBe(true);
    expect(r.components).toBe(1);
    expect(r.eulerCharacteristic).toBe(2);
    expect(r.genus).toBe(0);
    expect([
      r.boundaryEdges,
      r.nonManifoldEdges,
      r.nonManifoldVertices,
      r.unusedVertices,
      r.inconsistentEdges,
    ]).toEqual([0, 0, 0, 0, 0]);
  });

  it('cow_genus1 is closed with genus 1', () => {
    const r = inspectMesh(loadSharedMesh('cow_genus1.obj'));
    expect(r.vertices).toBe(10820);
    expect(r.closed).toBe(true);
    expect(r.manifold).toBe(true);
    expect(r.eulerCharacteristic).toBe(0);
    expect(r.genus).toBe(1);
  });

  it('cow_pinched has no boundary, one pinched vertex and χ 1', () => {
    const r = inspectMesh(loadSharedMesh('cow_pinched.obj'));
    expect(r.vertices).toBe(2903);
    expect(r.boundaryEdges).toBe(0);
    expect(r.closed).toBe(true);
    expect(r.nonManifoldVertices).toBe(1);
    expect(r.pinchedVertices).toBe(1);
    expect(r.nonManifoldEdges).toBe(0);
    expect(r.eulerCharacteristic).toBe(1);
    expect(r.manifold).toBe(false);
    expect(r.genus).toBeNull();
  });

  it('stanford_bunny_open has 223 boundary edges and 1,113 unused vertices', () => {
    const r = inspectMesh(loadSharedMesh('stanford_bunny_open.obj'));
    expect(r.vertices).toBe(35947);
    expect(r.boundaryEdges).toBe(223);
    expect(r.unusedVertices).toBe(1113);
    expect(r.boundaryLoops).toBe(5);
    expect(r.closed).toBe(false);
    expect(r.manifold).toBe(true);
    expect(r.genus).toBeNull();
  });
});
