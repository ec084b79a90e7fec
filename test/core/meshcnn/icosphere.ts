import { mulberry32 } from '../../../src/core/meshcnn/meshUNet';

/** A subdivided icosahedron on the unit sphere with seeded radial/tangential jitter (closed, genus 0). */
export function icosphere(
  subdivisions: number,
  jitter = 0,
  seed = 1,
): { positions: number[]; indices: number[] } {
  const t = (1 + Math.sqrt(5)) / 2;
  const positions = [
    -1,
    t,
    0,
    1,
    t,
    0,
    -1,
    -t,
    0,
    1,
    -t,
    0,
    0,
    -1,
    t,
    0,
    1,
    t,
    0,
    -1,
    -t,
    0,
    1,
    -t,
    t,
    0,
    -1,
    t,
    0,
    1,
    -t,
    0,
    -1,
    -t,
    0,
    1,
  ];
  let indices = [
    0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8, 3, 9, 4,
    3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1,
  ];
  for (let s = 0; s < subdivisions; s++) {
    const mid = new Map<string, number>();
    const midpoint = (a: number, b: number) => {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      let m = mid.get(key);
      if (m === undefined) {
        m = positions.length / 3;
        for (let c = 0; c < 3; c++) positions.push((positions[3 * a + c]! + positions[3 * b + c]!) / 2);
        mid.set(key, m);
      }
      return m;
    };
    const next: number[] = [];
    for (let f = 0; f < indices.length; f += 3) {
      const [a, b, c] = [indices[f]!, indices[f + 1]!, indices[f + 2]!];
      const ab = midpoint(a, b),
        bc = midpoint(b, c),
        ca = midpoint(c, a);
      next.push(a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca);
    }
    indices = next;
  }
  const random = mulberry32(seed);
  for (let v = 0; v < positions.length; v += 3) {
    const n = Math.hypot(positions[v]!, positions[v + 1]!, positions[v + 2]!);
    for (let c = 0; c < 3; c++) positions[v + c] = positions[v + c]! / n + jitter * 0.1 * (random() - 0.5);
  }
  return { positions, indices };
}
