/**
 * Colour maps for the attribute view. Viridis is perceptually uniform and colour-blind safe
 * (the default of matplotlib and Blender's "viridis" ramp); labels use a qualitative palette.
 * Colours are sRGB in [0, 1].
 */
const VIRIDIS: readonly [number, number, number][] = [
  [0.267, 0.005, 0.329],
  [0.283, 0.141, 0.458],
  [0.254, 0.265, 0.53],
  [0.207, 0.372, 0.553],
  [0.164, 0.471, 0.558],
  [0.128, 0.567, 0.551],
  [0.135, 0.659, 0.518],
  [0.267, 0.749, 0.441],
  [0.478, 0.821, 0.318],
  [0.741, 0.873, 0.15],
  [0.993, 0.906, 0.144],
];

/** Writes the viridis colour of t ∈ [0, 1] (clamped; NaN → grey) into out[offset…offset+2]. */
export function viridis(t: number, out: Float32Array | number[], offset = 0): void {
  if (Number.isNaN(t)) {
    out[offset] = out[offset + 1] = out[offset + 2] = 0.5;
    return;
  }
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  for (let k = 0; k < 3; k++) out[offset + k] = a[k]! + (b[k]! - a[k]!) * f;
}

/** CSS gradient of the colour map, for the legend. */
export function viridisCss(): string {
  const stops = VIRIDIS.map(
    ([r, g, b], i) => `rgb(${r * 255},${g * 255},${b * 255}) ${(i / (VIRIDIS.length - 1)) * 100}%`,
  );
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
