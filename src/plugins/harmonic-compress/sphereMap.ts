import type { Mesh } from '../../core/mesh/Mesh';
import { InputError, throttledYield, type JobContext } from '../../core/plugin/Job';
import { sphericalParametrize } from '../../core/spherical/sphericalParametrize';

export interface SphereMapResult {
  /** #V×3 unit vectors */
  sphere: Float64Array;
  kind: 'given' | 'conformal (cMCF)';
  seconds: number;
  /** Flow steps, for the conformal map. */
  steps?: number;
}

/**
 * The sphere map the expansion is built on: the one given with the input (e.g. from a previous
 * Spherical Parametrize run or a test with a known map), else the conformal map of Spherical
 * Parametrize (cMCF, its default settings), with progress in [from, to] and cancel between steps.
 */
export async function computeSphereMap(
  mesh: Mesh,
  given: Float64Array | undefined,
  ctx: JobContext,
  from = 0,
  to = 0.3,
): Promise<SphereMapResult> {
  const V = mesh.positions.length / 3;
  if (given) {
    if (given.length !== 3 * V)
      throw new InputError(`the given sphere map has ${given.length / 3} points for ${V} vertices`);
    return { sphere: given, kind: 'given', seconds: 0 };
  }
  const t0 = performance.now();
  const yieldNow = throttledYield(ctx);
  const result = await sphericalParametrize(
    mesh,
    {},
    async (step) => {
      ctx.progress(
        from + ((to - from) * step.step) / step.maxSteps,
        `sphere map, step ${step.step}: radial deviation ${step.radialDeviation.toExponential(2)}`,
        {
          chart: { radialDeviation: step.radialDeviation },
        },
      );
      await yieldNow();
    },
    ctx.signal,
  );
  return {
    sphere: result.sphere,
    kind: 'conformal (cMCF)',
    seconds: (performance.now() - t0) / 1000,
    steps: result.metrics.steps,
  };
}
