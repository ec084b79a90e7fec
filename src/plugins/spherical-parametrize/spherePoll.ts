import type { BufferGeometry } from 'three';
import { sphereMapProblem } from '../../core/spherical/requirements';
import { InspectionPendingError, inspectGeometry } from '../inspect-repair/inspectGeometry';
import type { PollFailure } from '../Operator';

export const REPAIR_FIX = { idname: 'mesh.repair', label: 'Inspect & Repair' };

/**
 * Why a scene geometry cannot be mapped onto the sphere (closed, manifold, one piece, genus 0), with
 * Inspect & Repair offered as the fix; null when it can. Shared by every operator built on the sphere
 * map. Panels poll often on the UI thread, so the inspection is the cached one of `inspectGeometry`.
 */
export function sphereMapPollFailure(geometry: BufferGeometry): PollFailure | null {
  let problem: string | null;
  try {
    problem = sphereMapProblem(inspectGeometry(geometry));
  } catch (error) {
    if (error instanceof InspectionPendingError) throw error; // the editor waits for its worker
    problem = error instanceof Error ? error.message : String(error);
  }
  return problem ? { reason: `cannot map onto the sphere: ${problem}`, fix: REPAIR_FIX } : null;
}
