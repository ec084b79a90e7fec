import type { Mesh } from '../Mesh';

/**
 * What a repair changed: counts by name (e.g. { removedFaces: 3 }) and one line for people.
 * `repairMesh` nests the reports of its steps.
 */
export interface RepairReport {
  /** The repair's id, e.g. 'weld_vertices'. */
  operation: string;
  changed: boolean;
  counts: Record<string, number>;
  message: string;
  steps?: RepairReport[];
}

/**
 * Every repair returns a new mesh and leaves its input untouched. Arrays a repair did not need to change
 * may be shared between input and result (never written to); when nothing changed, `mesh` is the input.
 */
export interface RepairResult {
  mesh: Mesh;
  report: RepairReport;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : many}`;
}
