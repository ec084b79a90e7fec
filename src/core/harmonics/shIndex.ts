/**
 * Coefficient layout used everywhere in the harmonics core and in the file format: real SH
 * coefficients of one channel up to degree L are (L+1)² numbers, degree-major, m from −l to l:
 * index(l, m) = l² + l + m.
 */
export function shIndex(l: number, m: number): number {
  return l * l + l + m;
}

/** Number of coefficients of one channel up to degree `degree` inclusive: (L+1)². */
export function shCount(degree: number): number {
  return (degree + 1) * (degree + 1);
}

/** The degree L of a channel of `count` = (L+1)² coefficients; throws if `count` is not a square. */
export function shDegreeOfCount(count: number): number {
  const n = Math.round(Math.sqrt(count));
  if (n * n !== count || n < 1) throw new Error(`${count} is not a valid coefficient count (must be (L+1)²)`);
  return n - 1;
}
