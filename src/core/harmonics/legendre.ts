/**
 * Normalised associated Legendre functions P̄_l^m(cos θ) for real orthonormal spherical harmonics,
 * by the standard three-term recurrences (no factorials), stable to any degree we use (≥ 512):
 *
 *   P̄_0^0 = 1/√(4π),   P̄_m^m = √((2m+1)/(2m)) · sin θ · P̄_{m−1}^{m−1},
 *   P̄_l^m = a_lm · cos θ · P̄_{l−1}^m − b_lm · P̄_{l−2}^m,
 *   a_lm = √((4l²−1)/(l²−m²)),  b_lm = √((2l+1)((l−1)²−m²) / ((2l−3)(l²−m²))).
 *
 * Normalisation: ∫₋₁¹ P̄_l^m(x)² dx = 1/(2π), so Y_l0 = P̄_l^0, Y_lm = √2 P̄_l^m cos mφ and
 * Y_l,−m = √2 P̄_l^m sin mφ are orthonormal on the unit sphere. No Condon–Shortley phase.
 *
 * Underflow: near the poles sinᵐθ underflows double precision long before the P̄_l^m with l > m
 * become negligible relative to each other. The sectoral value is therefore carried as a logarithm
 * and the recurrence runs on a scaled value until it reaches the representable range (an
 * "extended-range" recurrence after Holmes & Featherstone 2002). Values below ~1e−160 are emitted as
 * exact zeros, and `column` reports the first degree with a non-zero value so that transforms can
 * skip the negligible part (which also makes high-degree transforms faster).
 */
export class LegendreRecurrence {
  readonly degree: number;
  /** Recurrence coefficients, m-major: a[offset(m) + l − m] for l = m..L. */
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** offset[m] = start of column m in the packed m-major arrays; offset[L+1] = total length. */
  readonly offset: Int32Array;
  /** log(P̄_m^m / sinᵐθ): the sectoral factor without its sinᵐθ. */
  private readonly logSectoral: Float64Array;

  constructor(degree: number) {
    if (!Number.isInteger(degree) || degree < 0 || degree > 4096)
      throw new Error(`SH degree must be an integer in [0, 4096], got ${degree}`);
    this.degree = degree;
    const L = degree;
    this.offset = new Int32Array(L + 2);
    for (let m = 0; m <= L; m++) this.offset[m + 1] = this.offset[m] + (L + 1 - m);
    const size = this.offset[L + 1];
    this.a = new Float64Array(size);
    this.b = new Float64Array(size);
    for (let m = 0; m <= L; m++) {
      const base = this.offset[m];
      for (let l = m + 2; l <= L; l++) {
        const l2 = l * l;
        const m2 = m * m;
        this.a[base + l - m] = Math.sqrt((4 * l2 - 1) / (l2 - m2));
        this.b[base + l - m] = Math.sqrt(
          ((2 * l + 1) * ((l - 1) * (l - 1) - m2)) / ((2 * l - 3) * (l2 - m2)),
        );
      }
      // l = m + 1: P̄_{m+1}^m = √(2m+3) · x · P̄_m^m (b = 0)
      if (m + 1 <= L) this.a[base + 1] = Math.sqrt(2 * m + 3);
    }
    this.logSectoral = new Float64Array(L + 1);
    this.logSectoral[0] = -0.5 * Math.log(4 * Math.PI);
    for (let m = 1; m <= L; m++)
      this.logSectoral[m] = this.logSectoral[m - 1] + 0.5 * Math.log((2 * m + 1) / (2 * m));
  }

  /**
   * Fills out[l] = P̄_l^m(x) for l = m..maxDegree (≤ L; out has length ≥ L+1; entries below m are untouched) where
   * x = cos θ and u = sin θ ≥ 0 (pass both so callers on a sphere avoid a square root and its
   * rounding near the poles). Returns the first l whose value is non-zero (L+1 if none): entries
   * from m to that l − 1 are exact zeros standing for values below ~1e−160.
   */
  column(x: number, u: number, m: number, out: Float64Array, maxDegree = this.degree): number {
    const L = maxDegree;
    const a = this.a;
    const b = this.b;
    const base = this.offset[m] - m;
    // log P̄_m^m; u = 0 at the poles makes it −∞ for m > 0 (the column is identically zero).
    const logStart = m === 0 ? this.logSectoral[0] : this.logSectoral[m] + m * Math.log(u);
    if (logStart > LOG_FOLD) {
      let p2 = 0;
      let p1 = Math.exp(logStart);
      out[m] = p1;
      if (m < L) {
        let p = a[base + m + 1] * x * p1;
        out[m + 1] = p;
        p2 = p1;
        p1 = p;
        for (let l = m + 2; l <= L; l++) {
          p = a[base + l] * x * p1 - b[base + l] * p2;
          out[l] = p;
          p2 = p1;
          p1 = p;
        }
      }
      return m;
    }
    if (logStart === -Infinity) {
      for (let l = m; l <= L; l++) out[l] = 0;
      return L + 1;
    }
    // Scaled phase: true value = p · e^shift; emit zeros until e^shift is representable.
    let shift = logStart;
    let p2 = 0;
    let p1 = 1;
    out[m] = 0;
    let l = m + 1;
    for (; l <= L; l++) {
      const p = l === m + 1 ? a[base + l] * x * p1 : a[base + l] * x * p1 - b[base + l] * p2;
      p2 = p1;
      p1 = p;
      if (Math.abs(p) > RESCALE) {
        p1 *= 1 / RESCALE;
        p2 *= 1 / RESCALE;
        shift += LOG_RESCALE;
        if (shift > LOG_FOLD) break;
      }
      out[l] = 0;
    }
    if (l > L) return L + 1;
    // Fold the shift back in and continue with true values from degree l.
    const factor = Math.exp(shift);
    p1 *= factor;
    p2 *= factor;
    out[l] = p1;
    const first = l;
    for (l = l + 1; l <= L; l++) {
      const p = a[base + l] * x * p1 - b[base + l] * p2;
      out[l] = p;
      p2 = p1;
      p1 = p;
    }
    return first;
  }
}

/** Values below e^LOG_FOLD (~1e−260) times the scaled value are treated as zero. */
const LOG_FOLD = -600;
const RESCALE = 1e100;
const LOG_RESCALE = Math.log(RESCALE);
