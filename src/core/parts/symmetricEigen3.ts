/**
 * Eigen-decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations (a few sweeps reach
 * float64 precision for 3×3). a: row-major 9 values (only the symmetric part is read).
 * Returns eigenvalues #3 in descending order and the matching unit eigenvectors as the ROWS of a
 * row-major 3×3 (row i belongs to value i), a right-handed frame (det = +1).
 */
export function symmetricEigen3(a: ArrayLike<number>): { values: Float64Array; vectors: Float64Array } {
  const A = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) A[3 * i + j] = 0.5 * (a[3 * i + j]! + a[3 * j + i]!);
  const V = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]); // columns: eigenvectors
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = A[1]! ** 2 + A[2]! ** 2 + A[5]! ** 2;
    const scale = A[0]! ** 2 + A[4]! ** 2 + A[8]! ** 2;
    if (off <= 1e-30 * Math.max(scale, 1e-300)) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const apq = A[3 * p + q]!;
      if (apq === 0) continue;
      // the rotation angle that zeroes A[p][q] (Numerical Recipes' stable form)
      const theta = (A[3 * q + q]! - A[3 * p + p]!) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1),
        s = t * c;
      for (let k = 0; k < 3; k++) {
        // A ← Jᵀ A J: columns p, q, then rows p, q
        const akp = A[3 * k + p]!,
          akq = A[3 * k + q]!;
        A[3 * k + p] = c * akp - s * akq;
        A[3 * k + q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = A[3 * p + k]!,
          aqk = A[3 * q + k]!;
        A[3 * p + k] = c * apk - s * aqk;
        A[3 * q + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = V[3 * k + p]!,
          vkq = V[3 * k + q]!;
        V[3 * k + p] = c * vkp - s * vkq;
        V[3 * k + q] = s * vkp + c * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((i, j) => A[4 * j]! - A[4 * i]!);
  const values = Float64Array.from(order, (i) => A[4 * i]!);
  const vectors = new Float64Array(9);
  order.forEach((col, row) => {
    for (let k = 0; k < 3; k++) vectors[3 * row + k] = V[3 * k + col]!;
  });
  // right-handed: third row = first × second
  const [x0, x1, x2, y0, y1, y2] = vectors;
  vectors.set([x1! * y2! - x2! * y1!, x2! * y0! - x0! * y2!, x0! * y1! - x1! * y0!], 6);
  return { values, vectors };
}
