import { CancelledError } from '../plugin/Job';
import { gaussLegendre } from './gaussLegendre';
import { LegendreRecurrence } from './legendre';
import { shCount, shIndex } from './shIndex';

/**
 * mesh2sh's vertex-density channel: the von Mises–Fisher kernel density of the sphere-mapped
 * vertices, ρ(p) = (4π/V) Σ_i K_κ(μ_i·p) with K_κ(t) = κ e^{κ(t−1)} / (2π(1 − e^{−2κ})) (so a
 * uniform spread of vertices gives ρ ≈ 1).
 *
 * Computed directly in SH space instead of summing kernels at every grid point (O(V·G)): by the
 * Funk–Hecke theorem a zonal kernel acts on each degree by a scalar, λ_l = 2π ∫ K(t) P_l(t) dt, so
 * the density's coefficients are (4π/V) λ_l Σ_i Y_lm(μ_i): one O(L²) recurrence per vertex.
 *
 * `sphere`: #V×3 unit vectors; returns (L+1)² coefficients (shIndex layout).
 */
export function vmfDensityCoefficients(
  sphere: ArrayLike<number>,
  degree: number,
  kappa: number,
  signal?: AbortSignal,
): Float64Array {
  if (!(kappa > 0)) throw new Error(`the von Mises–Fisher concentration must be positive, got ${kappa}`);
  const L = degree;
  const V = sphere.length / 3;
  const lambda = vmfLegendreCoefficients(L, kappa);
  const rec = new LegendreRecurrence(L);
  const P = new Float64Array(L + 1);
  const sums = new Float64Array(shCount(L));
  for (let i = 0; i < V; i++) {
    if ((i & 255) === 0 && signal?.aborted) throw new CancelledError();
    const px = sphere[3 * i],
      py = sphere[3 * i + 1],
      pz = sphere[3 * i + 2];
    const rho = Math.hypot(px, py);
    const r = Math.hypot(rho, pz);
    const x = pz / r;
    const u = rho / r;
    const cosPhi = rho > 0 ? px / rho : 1;
    const sinPhi = rho > 0 ? py / rho : 0;
    let cm = 1;
    let sm = 0;
    for (let m = 0; m <= L; m++) {
      const first = rec.column(x, u, m, P);
      const norm = m === 0 ? 1 : Math.SQRT2;
      for (let l = first; l <= L; l++) {
        sums[shIndex(l, m)] += norm * cm * P[l];
        if (m > 0) sums[shIndex(l, -m)] += norm * sm * P[l];
      }
      const next = cm * cosPhi - sm * sinPhi;
      sm = sm * cosPhi + cm * sinPhi;
      cm = next;
    }
  }
  const scale = (4 * Math.PI) / V;
  for (let l = 0; l <= L; l++) for (let m = -l; m <= l; m++) sums[shIndex(l, m)] *= scale * lambda[l];
  return sums;
}

/**
 * λ_l = 2π ∫₋₁¹ K_κ(t) P_l(t) dt for the normalised vMF kernel (λ_0 = 1), by Gauss–Legendre
 * quadrature with enough nodes to resolve both the kernel's width 1/κ and P_l's oscillations.
 */
export function vmfLegendreCoefficients(degree: number, kappa: number): Float64Array {
  const n = Math.min(4096, Math.ceil(2 * degree + 8 * Math.sqrt(kappa) + 64));
  // Integrate on [1 − w, 1] where the kernel lives (e^{κ(t−1)} < 1e−17 below), mapped to [−1, 1].
  const width = Math.min(2, 40 / kappa);
  const { nodes, weights } = gaussLegendre(n);
  const lambda = new Float64Array(degree + 1);
  const norm = kappa / (2 * Math.PI * -Math.expm1(-2 * kappa));
  for (let q = 0; q < n; q++) {
    const t = 1 - (width * (1 - nodes[q])) / 2;
    const k = 2 * Math.PI * norm * Math.exp(kappa * (t - 1)) * weights[q] * (width / 2);
    let p0 = 1;
    let p1 = t;
    lambda[0] += k;
    if (degree >= 1) lambda[1] += k * t;
    for (let l = 2; l <= degree; l++) {
      const p2 = ((2 * l - 1) * t * p1 - (l - 1) * p0) / l;
      lambda[l] += k * p2;
      p0 = p1;
      p1 = p2;
    }
  }
  return lambda;
}
