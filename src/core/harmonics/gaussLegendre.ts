/**
 * Gauss–Legendre quadrature on [−1, 1]: `n` nodes integrate polynomials of degree ≤ 2n − 1 exactly.
 * Nodes by Newton's method on P_n (three-term recurrence, no closed forms), started from the
 * asymptotic guess cos(π(i + 3/4)/(n + 1/2)); weights 2 / ((1 − x²) P_n′(x)²). Accurate to a few ulps
 * for n in the thousands, which is all the SH transform needs (n = L + 1 ≤ 1025).
 *
 * Returns nodes in decreasing order (x₀ near +1, i.e. colatitude θ increasing) and their weights;
 * nodes are exactly antisymmetric (x[n−1−i] = −x[i]) and weights symmetric.
 */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`Gauss–Legendre needs a positive integer node count, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor((n + 1) / 2);
  for (let i = 0; i < half; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      const [p, dp] = legendreAndDerivative(n, x);
      derivative = dp;
      const step = p / dp;
      x -= step;
      if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) break;
    }
    derivative = legendreAndDerivative(n, x)[1];
    const w = 2 / ((1 - x * x) * derivative * derivative);
    nodes[i] = x;
    nodes[n - 1 - i] = -x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0; // exact zero for the middle node
  return { nodes, weights };
}

/** P_n(x) and P_n′(x) by Bonnet's recurrence. */
function legendreAndDerivative(n: number, x: number): [number, number] {
  let p0 = 1;
  let p1 = x;
  if (n === 0) return [1, 0];
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  const dp = (n * (x * p1 - p0)) / (x * x - 1);
  return [p1, dp];
}
