import { radialSphereMap } from '../../core/harmonics/radialSphereMap';
import type { Mesh } from '../../core/mesh/Mesh';
import { InputError, type JobContext } from '../../core/plugin/Job';

export interface SphereMapResult {
  /** #V×3 unit vectors */
  sphere: Float64Array;
  kind: 'given' | 'conformal (cMCF)' | 'radial';
  seconds: number;
}

/**
 * The sphere map the expansion is built on: the one given with the input (an object that already
 * went through Spherical Parametrize), else the radial projection when the mesh is star-shaped
 * around its centroid. INTERIM: the conformal map (sphericalParametrize, src/core/spherical) is not
 * merged into main yet; once it is, it replaces the radial fallback for every mesh.
 */
export async function computeSphereMap(mesh: Mesh, given: Float64Array | undefined, ctx: JobContext): Promise<SphereMapResult> {
  const t0 = performance.now();
  const V = mesh.positions.length / 3;
  if (given) {
    if (given.length !== 3 * V) throw new InputError(`the given sphere map has ${given.length / 3} points for ${V} vertices`);
    return { sphere: given, kind: 'given', seconds: 0 };
  }
  ctx.progress(0.02, 'sphere map');
  const radial = radialSphereMap(mesh.positions, mesh.indices);
  if (radial) return { sphere: radial, kind: 'radial', seconds: (performance.now() - t0) / 1000 };
  throw new InputError(
    'this mesh is not star-shaped, so it needs the conformal sphere map of Spherical Parametrize, which this build does not include yet; run Spherical Parametrize first and pass its sphere map',
  );
}
