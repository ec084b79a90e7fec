import type { Mesh } from '../../core/mesh/Mesh';

/**
 * Why a mesh cannot be sphere-mapped, or null when it is a closed, manifold, single-component,
 * genus-0 triangle mesh. Local, minimal stand-in for the mesh helper's inspectMesh
 * (src/core/mesh/inspect.ts), to be replaced by it once it is merged; the reasons name the
 * problem and its size so the user knows what Inspect & Repair has to fix.
 */
export function genusZeroProblem(mesh: Mesh): string | null {
  const V = mesh.positions.length / 3;
  const indices = mesh.indices;
  const F = indices.length / 3;
  if (F === 0) return 'the mesh has no faces';
  for (let i = 0; i < indices.length; i++) if (indices[i] >= V) return `face ${Math.floor(i / 3)} refers to vertex ${indices[i]}, but the mesh has ${V} vertices`;
  // Undirected edges as sorted keys a·V + b (a < b); count the faces on each.
  const keys = new Float64Array(3 * F);
  for (let f = 0; f < F; f++) {
    for (let k = 0; k < 3; k++) {
      const a = indices[3 * f + k];
      const b = indices[3 * f + ((k + 1) % 3)];
      keys[3 * f + k] = a < b ? a * V + b : b * V + a;
    }
  }
  keys.sort();
  let edges = 0;
  let boundary = 0;
  let nonManifold = 0;
  for (let i = 0; i < keys.length; ) {
    let j = i + 1;
    while (j < keys.length && keys[j] === keys[i]) j++;
    edges++;
    if (j - i === 1) boundary++;
    else if (j - i > 2) nonManifold++;
    i = j;
  }
  if (boundary > 0) return `the mesh is open: ${boundary} boundary edge${boundary === 1 ? '' : 's'}; it must be closed (watertight)`;
  if (nonManifold > 0) return `the mesh is not manifold: ${nonManifold} edge${nonManifold === 1 ? ' is' : 's are'} shared by more than two faces`;
  // Pinched vertices: a vertex whose faces form more than one fan around it.
  const pinched = countPinchedVertices(indices, V);
  if (pinched > 0) return `the mesh is not manifold: ${pinched} pinched vertex${pinched === 1 ? '' : 'es'} (faces meet at a single point)`;
  const { components, usedVertices } = componentsOf(indices, V);
  if (usedVertices < V) return `the mesh has ${V - usedVertices} unused vertices (not part of any face)`;
  if (components > 1) return `the mesh has ${components} separate pieces; it must be a single connected surface`;
  const euler = V - edges + F;
  const genus = (2 - euler) / 2;
  if (genus !== 0) return `the mesh has genus ${genus} (${genus} handle${genus === 1 ? '' : 's'} or hole${genus === 1 ? '' : 's'} through it); only sphere-like (genus 0) surfaces can be mapped onto the sphere`;
  return null;
}

function countPinchedVertices(indices: Uint32Array, V: number): number {
  // For each vertex, union its incident corners' faces across shared edges (around the vertex).
  const F = indices.length / 3;
  const parent = new Int32Array(F);
  for (let f = 0; f < F; f++) parent[f] = f;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const half = new Map<number, number>();
  let pinched = 0;
  // Group corners by vertex.
  const cornerCount = new Int32Array(V + 1);
  for (let i = 0; i < indices.length; i++) cornerCount[indices[i] + 1]++;
  for (let v = 0; v < V; v++) cornerCount[v + 1] += cornerCount[v];
  const cornerOf = new Int32Array(indices.length);
  const fill = cornerCount.slice(0, V);
  for (let i = 0; i < indices.length; i++) cornerOf[fill[indices[i]]++] = i;
  for (let v = 0; v < V; v++) {
    const start = cornerCount[v];
    const end = cornerCount[v + 1];
    if (end - start <= 1) continue;
    half.clear();
    // Each corner at v has two neighbours: next (b) and previous (c); faces sharing a neighbour
    // across an edge at v are in the same fan.
    for (let k = start; k < end; k++) {
      const corner = cornerOf[k];
      const f = Math.floor(corner / 3);
      parent[f] = f;
    }
    for (let k = start; k < end; k++) {
      const corner = cornerOf[k];
      const f = Math.floor(corner / 3);
      const base = 3 * f;
      const b = indices[base + ((corner - base + 1) % 3)];
      const c = indices[base + ((corner - base + 2) % 3)];
      for (const w of [b, c]) {
        const other = half.get(w);
        if (other === undefined) half.set(w, f);
        else parent[find(other)] = find(f);
      }
    }
    const root = find(Math.floor(cornerOf[start] / 3));
    for (let k = start + 1; k < end; k++) {
      if (find(Math.floor(cornerOf[k] / 3)) !== root) {
        pinched++;
        break;
      }
    }
  }
  return pinched;
}

function componentsOf(indices: Uint32Array, V: number): { components: number; usedVertices: number } {
  const parent = new Int32Array(V);
  for (let v = 0; v < V; v++) parent[v] = v;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const used = new Uint8Array(V);
  for (let f = 0; f < indices.length; f += 3) {
    const a = find(indices[f]);
    used[indices[f]] = used[indices[f + 1]] = used[indices[f + 2]] = 1;
    parent[find(indices[f + 1])] = a;
    parent[find(indices[f + 2])] = a;
  }
  let components = 0;
  let usedVertices = 0;
  for (let v = 0; v < V; v++) {
    if (!used[v]) continue;
    usedVertices++;
    if (find(v) === v) components++;
  }
  return { components, usedVertices };
}
