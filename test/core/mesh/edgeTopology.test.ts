import { describe, expect, it } from 'vitest';
import { buildEdgeTopology, NO_EDGE, oppositeHalfEdges } from '../../../src/core/mesh/edgeTopology';
import { cube, mesh, tetrahedron } from './fixtures';

describe('buildEdgeTopology', () => {
  it('lists the unique edges of a tetrahedron sorted by (lo, hi), each with its two half-edges', () => {
    const t = buildEdgeTopology(tetrahedron());
    expect(t.edgeCount).toBe(6);
    expect(Array.from(t.edges)).toEqual([0, 1, 0, 2, 0, 3, 1, 2, 1, 3, 2, 3]);
    expect(Array.from(t.edgeOffsets)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    // Every half-edge points back to an edge that has its two vertices.
    const m = tetrahedron();
    for (let h = 0; h < 12; h++) {
      const e = t.halfEdgeEdge[h]!;
      const a = m.indices[h]!;
      const b = m.indices[h % 3 === 2 ? h - 2 : h + 1]!;
      expect([t.edges[2 * e], t.edges[2 * e + 1]]).toEqual([Math.min(a, b), Math.max(a, b)]);
    }
  });

  it('counts valence: boundary 1, manifold 2, a fin of three faces 3; skips sides with one vertex twice', () => {
    // Three triangles on edge 0–1, plus a degenerate face (0, 0, 2).
    const t = buildEdgeTopology(
      mesh([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1], [0, 1, 2, 1, 0, 3, 0, 1, 4, 0, 0, 2]),
    );
    const valence = (a: number, b: number): number => {
      for (let e = 0; e < t.edgeCount; e++)
        if (t.edges[2 * e] === a && t.edges[2 * e + 1] === b)
          return t.edgeOffsets[e + 1]! - t.edgeOffsets[e]!;
      return 0;
    };
    expect(valence(0, 1)).toBe(3);
    expect(valence(0, 2)).toBe(3); // two sides of the degenerate face plus the first triangle
    expect(valence(1, 2)).toBe(1);
    expect(t.halfEdgeEdge[9]).toBe(NO_EDGE);
  });

  it('handles a vertex of very high valence (the sorted fallback) like a small one', () => {
    // A fan of 200 triangles around vertex 0.
    const positions = [0, 0, 0];
    const indices: number[] = [];
    for (let i = 0; i < 201; i++) positions.push(Math.cos(i / 40), Math.sin(i / 40), 0);
    for (let i = 1; i <= 200; i++) indices.push(0, i, i + 1);
    const t = buildEdgeTopology(mesh(positions, indices));
    expect(t.edgeCount).toBe(201 + 200);
    for (let e = 1; e < t.edgeCount; e++) {
      const before = t.edges[2 * e - 2]! * 1e6 + t.edges[2 * e - 1]!;
      expect(t.edges[2 * e]! * 1e6 + t.edges[2 * e + 1]!).toBeGreaterThan(before);
    }
  });

  it('pairs opposite half-edges only on manifold edges', () => {
    const m = cube();
    const opposite = oppositeHalfEdges(buildEdgeTopology(m), m.indices.length);
    for (let h = 0; h < opposite.length; h++) {
      const o = opposite[h]!;
      expect(opposite[o]).toBe(h);
      expect(m.indices[o]).toBe(m.indices[h % 3 === 2 ? h - 2 : h + 1]); // runs the other way
    }
  });
});
