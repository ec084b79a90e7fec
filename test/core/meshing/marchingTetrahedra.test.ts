import { describe, expect, it } from 'vitest';
import { marchingTetrahedra, type GridField } from '../../../src/core/meshing/marchingTetrahedra';
import type { Mesh } from '../../../src/core/mesh/Mesh';
import { inspectMesh } from '../../../src/core/mesh/inspect';
import { meshSignedVolume } from '../../../src/core/sdf/normaliseMesh';

function sampleGrid(n: number, half: number, f: (x: number, y: number, z: number) => number): GridField {
  const values = new Float32Array(n * n * n);
  const h = (2 * half) / (n - 1);
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++)
        values[i + n * (j + n * k)] = f(-half + i * h, -half + j * h, -half + k * h);
  return { values, dims: [n, n, n], origin: [-half, -half, -half], spacing: [h, h, h] };
}

/** Closed + oriented 2-manifold: every directed edge exactly once and its reverse exactly once. */
function topology(mesh: Mesh): { closedOriented: boolean; euler: number; components: number } {
  const directed = new Map<string, number>();
  const f = mesh.indices;
  for (let t = 0; t < f.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const key = `${f[t + e]},${f[t + ((e + 1) % 3)]}`;
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
  }
  let closedOriented = true;
  for (const [key, count] of directed) {
    const [a, b] = key.split(',');
    if (count !== 1 || directed.get(`${b},${a}`) !== 1) closedOriented = false;
  }
  const V = mesh.positions.length / 3,
    F = f.length / 3,
    E = directed.size / 2;
  // connected components (union-find over faces' vertices)
  const parent = Int32Array.from({ length: V }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (let t = 0; t < f.length; t += 3) {
    parent[find(f[t]!)] = find(f[t + 1]!);
    parent[find(f[t + 1]!)] = find(f[t + 2]!);
  }
  const roots = new Set<number>();
  for (let i = 0; i < V; i++) roots.add(find(i));
  return { closedOriented, euler: V - E + F, components: roots.size };
}

describe('marchingTetrahedra', () => {
  it('meshes a sphere as one closed, oriented genus-0 surface of the right volume', () => {
    const r = 0.4;
    const mesh = marchingTetrahedra(sampleGrid(48, 0.55, (x, y, z) => Math.hypot(x, y, z) - r));
    const t = topology(mesh);
    expect(t.closedOriented).toBe(true);
    expect(t.euler).toBe(2);
    expect(t.components).toBe(1);
    const inspection = inspectMesh(mesh);
    expect([inspection.closed, inspection.manifold, inspection.orientable, inspection.genus]).toEqual([
      true,
      true,
      true,
      0,
    ]);
    const volume = meshSignedVolume(mesh.positions, mesh.indices);
    expect(volume).toBeGreaterThan(0); // faces outward
    expect(Math.abs(volume / ((4 / 3) * Math.PI * r ** 3) - 1)).toBeLessThan(0.01);
  });

  it('meshes a box of the right volume and closes a shape cut by the grid border', () => {
    const box = (x: number, y: number, z: number): number => {
      const qx = Math.abs(x) - 0.3,
        qy = Math.abs(y) - 0.2,
        qz = Math.abs(z) - 0.25;
      return (
        Math.hypot(Math.max(qx, 0), Math.max(qy, 0), Math.max(qz, 0)) + Math.min(Math.max(qx, qy, qz), 0)
      );
    };
    const mesh = marchingTetrahedra(sampleGrid(41, 0.5, box));
    expect(topology(mesh).closedOriented).toBe(true);
    // sharp edges get chamfered by the grid: within 2%
    expect(Math.abs(meshSignedVolume(mesh.positions, mesh.indices) / (0.6 * 0.4 * 0.5) - 1)).toBeLessThan(
      0.02,
    );
    // a slab thicker than the grid: closed only thanks to the border
    const cut = marchingTetrahedra(sampleGrid(21, 0.5, (_x, _y, z) => Math.abs(z) - 0.2));
    const tc = topology(cut);
    expect(tc.closedOriented).toBe(true);
    expect(tc.euler).toBe(2);
  });

  it('keeps two touching-close spheres and a torus manifold (genus 1: Euler 0)', () => {
    const two = marchingTetrahedra(
      sampleGrid(
        40,
        0.55,
        (x, y, z) => Math.min(Math.hypot(x - 0.21, y, z), Math.hypot(x + 0.21, y, z)) - 0.2,
      ),
    );
    const t2 = topology(two);
    expect(t2.closedOriented).toBe(true);
    const torus = marchingTetrahedra(
      sampleGrid(40, 0.55, (x, y, z) => Math.hypot(Math.hypot(x, y) - 0.3, z) - 0.1),
    );
    const tt = topology(torus);
    expect(tt.closedOriented).toBe(true);
    expect(tt.euler).toBe(0);
    expect(inspectMesh(torus).genus).toBe(1);
    expect(inspectMesh(two).manifold).toBe(true);
    expect(tt.components).toBe(1);
  });

  it('returns an empty mesh when the field does not cross the iso-value', () => {
    const mesh = marchingTetrahedra(sampleGrid(8, 1, () => 1));
    expect(mesh.indices.length).toBe(0);
  });
});
