/**
 * Colours of a signed-distance slice (linear RGB, #N×3): blue inside, orange outside, darker
 * contour bands every `band` units and a white zero level, so the field's shape reads at a glance.
 * values: #N (normalised units, negative inside).
 */
export function sliceColors(values: Float32Array, band = 0.02): Float32Array {
  const out = new Float32Array(values.length * 3);
  for (let i = 0; i < values.length; i++) {
    const d = values[i]!;
    const inside = d < 0;
    const t = Math.min(1, Math.abs(d) / 0.3);
    // base colour fades from light near the surface to saturated far away
    const r = inside ? 0.15 + 0.5 * (1 - t) : 0.9;
    const g = inside ? 0.35 + 0.45 * (1 - t) : 0.45 + 0.4 * (1 - t);
    const b = inside ? 0.9 : 0.1 + 0.5 * (1 - t);
    const contour = 0.75 + 0.25 * Math.cos((2 * Math.PI * d) / band);
    const zero = Math.exp(-((d / (0.15 * band)) ** 2));
    out[3 * i] = r * contour * (1 - zero) + zero;
    out[3 * i + 1] = g * contour * (1 - zero) + zero;
    out[3 * i + 2] = b * contour * (1 - zero) + zero;
  }
  return out;
}
