import { inspectMesh } from '../../core/mesh/inspect';
import type { Mesh } from '../../core/mesh/Mesh';
import { InputError, throttledYield, type Job } from '../../core/plugin/Job';
import { sphereMapProblem } from '../../core/spherical/requirements';
import { sphericalParametrize, type SphericalMetrics } from '../../core/spherical/sphericalParametrize';
import type { SphericalJobInput, SphericalJobOutput, SphericalProps } from './props';

/**
 * Maps the mesh onto the unit sphere by conformalized mean curvature flow. Re-checks the topology
 * (the CLI calls jobs without a poll) and reports each flow step with its radial deviation.
 */
export const sphericalParametrizeJob: Job<SphericalJobInput, SphericalProps, SphericalJobOutput> = async (
  input,
  props,
  ctx,
) => {
  const mesh: Mesh = { positions: input.positions, indices: input.indices };
  const problem = sphereMapProblem(inspectMesh(mesh));
  if (problem) throw new InputError(`cannot map onto the sphere: ${problem}`);
  ctx.progress(0, 'building the Laplacian');
  const yieldNow = throttledYield(ctx); // not after every step: see throttledYield
  const result = await sphericalParametrize(
    mesh,
    {
      timeStep: props.timeStep,
      maxSteps: props.maxSteps,
      tolerance: props.tolerance,
      mass: props.mass === 'lumped' ? 'lumped' : 'fem',
      laplacian: props.laplacian === 'intrinsic-delaunay' ? 'intrinsic-delaunay' : 'cotan',
      mobiusCentring: props.mobiusCentring,
      unfold: props.unfold,
    },
    async (step) => {
      ctx.progress(
        step.step / step.maxSteps,
        `step ${step.step}: radial deviation ${step.radialDeviation.toExponential(2)}`,
        {
          chart: { radialDeviation: step.radialDeviation },
        },
      );
      await yieldNow();
    },
    ctx.signal,
  );
  const output: SphericalJobOutput = {
    sphere: result.sphere,
    angleDistortion: Float32Array.from(result.faces.angleDistortion),
    areaDistortion: Float32Array.from(result.faces.areaDistortion),
    metrics: jsonMetrics(result.metrics),
  };
  return {
    output,
    transfer: [
      output.sphere.buffer,
      output.angleDistortion.buffer,
      output.areaDistortion.buffer,
    ] as ArrayBuffer[],
  };
};

/** Metrics as plain JSON (Infinity and NaN become null). */
function jsonMetrics(metrics: SphericalMetrics): Record<string, number | boolean | null> {
  const out: Record<string, number | boolean | null> = {};
  for (const [key, value] of Object.entries(metrics)) {
    out[key] = typeof value === 'number' && !Number.isFinite(value) ? null : (value as number | boolean);
  }
  return out;
}
