import { describe, expect, it } from 'vitest';
import { inspectMesh, inspectionSummary } from '../../../src/core/mesh/inspect';
import { concat, cube, flipFaces, grid, mesh, mobius, tetrahedron, torus } from './fixtures';

describe('inspectMesh on small meshes with known answers', () => {
  it('a tetrahedron: closed, manifold, orientable, genus 0', () => {
    const r = inspectMesh(tetrahedron());
    expect(inspectionSummary(r)).toEqual({
      vertices: 4,
      faces: 4,
      edges: 6,
      components: 1,
      boundaryEdges: 0,
      boundaryLoops: 0,
      nonManifoldEdges: 0,
      nonManifoldVertices: 0,
      pinchedVertices: 0,
      inconsistentEdges: 0,
      orientable: true,
      insideOutComponents: 0,
      degenerateFaces: 0,
      duplicateFaces: 0,
      unusedVertices: 0,
      eulerCharacteristic: 2,
      closed: true,
      manifold: true,
      genus: 0,
      componentGenus: [0],
      bbox: { min: [0, 0, 0], max: [1, 1, 1] },
    });
    expect(r.problems.componentOfFace).toEqual(new Uint32Array(4));
  });

  it('a torus has χ 0 and genus 1', () => {
    const r = inspectMesh(torus(12, 8));
    expect([r.vertices, r.edges, r.faces, r.eulerCharacteristic, r.genus, r.closed, r.manifold]).toEqual([
      96,
      288,
      192,
      0,
      1,
      true,
      true,
    ]);
  });

  it('two tetrahedra sharing one vertex: one component, a pinched vertex, no genus', () => {
    const a = tetrahedron();
    const b = tetrahedron([0, 0, 1]); // its vertex 0 sits on a's vertex 3
    const joined = mesh(
      [...a.positions, ...b.positions.slice(3)],
      [...a.indices, ...Array.from(b.indices, (i) => (i === 0 ? 3 : i + 3))],
    );
    const r = inspectMesh(joined);
    expect(r.vertices).toBe(7);
    expect(r.edges).toBe(12);
    expect(r.components).toBe(1);
    expect(r.eulerCharacteristic).toBe(3);
    expect(r.nonManifoldVertices).toBe(1);
    expect(r.pinchedVertices).toBe(1);
    expect(r.nonManifoldEdges).toBe(0);
    expect(Array.from(r.problems.nonManifoldVertices)).toEqual([3]);
    expect(r.manifold).toBe(false);
    expect(r.closed).toBe(true);
    expect(r.genus).toBeNull();
    expect(r.componentGenus).toEqual([null]);
  });

  it('two separate pieces: genus of the whole is null, per component it is given', () => {
    const r = inspectMesh(concat(cube(), torus(), tetrahedron([5, 5, 5])));
    expect(r.components).toBe(3);
    expect(r.genus).toBeNull();
    expect(r.componentGenus).toEqual([0, 1, 0]);
    expect(Array.from(r.problems.componentFaceCounts)).toEqual([12, 192, 4]);
    expect(r.eulerCharacteristic).toBe(4);
  });

  it('a cube without its top: one boundary loop of 4 edges, χ 1', () => {
    const r = inspectMesh(cube([0, 0, 0], [1]));
    expect(r.boundaryEdges).toBe(4);
    expect(r.boundaryLoops).toBe(1);
    expect(r.edges).toBe(17);
    expect(r.eulerCharacteristic).toBe(1);
    expect(r.closed).toBe(false);
    expect(r.manifold).toBe(true);
    expect(r.genus).toBeNull();
    const pairs = Array.from(r.problems.boundaryEdges);
    expect(pairs.length).toBe(8);
    for (const v of pairs) expect([4, 5, 6, 7]).toContain(v);
    // The loop walks the four top vertices in the faces' direction, 4→6→7→5 (the removed quad reversed),
    // starting from the boundary half-edge on the first edge (4, 5).
    expect(Array.from(r.problems.boundaryLoopOffsets)).toEqual([0, 4]);
    expect(Array.from(r.problems.boundaryLoopVertices)).toEqual([5, 4, 6, 7]);
  });

  it('two holes touching at a vertex are two loops, each visiting its vertices once', () => {
    const r = inspectMesh(
      grid(4, [
        [1, 1],
        [2, 2],
      ]),
    );
    expect(r.boundaryLoops).toBe(3);
    expect(Array.from(r.problems.boundaryLoopOffsets)).toEqual([0, 16, 20, 24]);
    expect(Array.from(r.problems.boundaryLoopVertices.subarray(16))).toEqual([7, 6, 11, 12, 13, 12, 17, 18]);
    expect(r.nonManifoldVertices).toBe(1); // vertex 12, where the two holes touch, has two fans
  });

  it('a flipped face: 3 inconsistent edges, still orientable', () => {
    const r = inspectMesh(flipFaces(cube(), [0]));
    expect(r.inconsistentEdges).toBe(3);
    expect(r.problems.inconsistentEdges.length).toBe(6);
    expect(r.orientable).toBe(true);
    expect(r.genus).toBe(0);
  });

  it('an inside-out piece is counted and its faces labelled flipped', () => {
    const inside = flipFaces(
      cube(),
      Array.from({ length: 12 }, (_, f) => f),
    );
    const r = inspectMesh(concat(inside, tetrahedron([3, 0, 0])));
    expect(r.insideOutComponents).toBe(1);
    expect(Array.from(r.problems.insideOut)).toEqual([1, 0]);
    expect(r.inconsistentEdges).toBe(0);
    expect(r.componentGenus).toEqual([0, 0]);
  });

  it('a Möbius strip is not orientable', () => {
    const r = inspectMesh(mobius(12));
    expect(r.orientable).toBe(false);
    expect(r.inconsistentEdges).toBe(1);
    expect(r.boundaryLoops).toBe(1);
    expect(r.boundaryEdges).toBe(24);
    expect(r.manifold).toBe(true);
    expect(r.componentGenus).toEqual([null]);
  });

  it('a duplicated face (in the other orientation): 1 duplicate, 3 non-manifold edges and their vertices', () => {
    const m = cube();
    const r = inspectMesh(
      mesh(Array.from(m.positions), [...m.indices, m.indices[0]!, m.indices[2]!, m.indices[1]!]),
    );
    expect(r.duplicateFaces).toBe(1);
    expect(Array.from(r.problems.duplicateFaces)).toEqual([12]);
    expect(r.nonManifoldEdges).toBe(3);
    expect(r.nonManifoldVertices).toBe(3);
    expect(r.manifold).toBe(false);
  });

  it('three faces on one edge (a book): a non-manifold edge, its two vertices, 6 boundary edges', () => {
    const r = inspectMesh(mesh([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, -1, -1, 0], [0, 1, 2, 1, 0, 3, 0, 1, 4]));
    expect(r.nonManifoldEdges).toBe(1);
    expect(Array.from(r.problems.nonManifoldEdges)).toEqual([0, 1]);
    expect(Array.from(r.problems.nonManifoldVertices)).toEqual([0, 1]);
    expect(r.boundaryEdges).toBe(6);
  });

  it('degenerate faces: a repeated index and a zero-area sliver', () => {
    const m = cube();
    // Vertex 8 lies on the middle of edge 0–1: face (0, 8, 1) has zero area.
    const r = inspectMesh(mesh([...m.positions, 0.5, 0, 0], [...m.indices, 0, 0, 1, 0, 8, 1]));
    expect(r.degenerateFaces).toBe(2);
    expect(Array.from(r.problems.degenerateFaces)).toEqual([12, 13]);
  });

  it('an unused vertex is counted but left out of χ, components and genus', () => {
    const m = cube();
    const r = inspectMesh(mesh([...m.positions, 9, 9, 9], Array.from(m.indices)));
    expect(r.unusedVertices).toBe(1);
    expect(Array.from(r.problems.unusedVertices)).toEqual([8]);
    expect(r.vertices).toBe(9);
    expect(r.eulerCharacteristic).toBe(2);
    expect(r.components).toBe(1);
    expect(r.genus).toBe(0);
    expect(r.bbox.max).toEqual([9, 9, 9]);
  });

  it('an empty mesh', () => {
    const r = inspectMesh(mesh([], []));
    expect([r.vertices, r.faces, r.edges, r.components, r.eulerCharacteristic, r.genus]).toEqual([
      0,
      0,
      0,
      0,
      0,
      null,
    ]);
    expect(r.bbox).toEqual({ min: [0, 0, 0], max: [0, 0, 0] });
  });
});
