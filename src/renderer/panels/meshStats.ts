import type { MeshInspection } from '../../core/mesh/inspect';

/** The figures the properties panel shows: the Inspect & Repair inspector's report without its arrays. */
export type MeshStats = Omit<
  MeshInspection,
  'componentGenus' | 'problems' | 'pinchedVertices' | 'orientable' | 'insideOutComponents'
>;
