import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ShEvaluator } from '../../../src/core/harmonics/shEvaluator';
import { shCount, shIndex } from '../../../src/core/harmonics/shIndex';

/**
 * Checks the real SH basis against an independent implementation, scipy.special.sph_harm (Debian's
 * python3-scipy, run through /usr/bin/python3). scipy's own normalisation overflows for large m at
 * high degree (NaN or 0 beyond m ≈ 50 at l = 512), so only pairs where scipy is reliable are used.
 */
const PYTHON = '/usr/bin/python3';
const hasScipy =
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import scipy.special'], { encoding: 'utf8' }).status === 0;
if (!hasScipy)
  console.warn(
    'scipy not available via /usr/bin/python3 (apt-get install python3-scipy): SH basis check against scipy skipped',
  );

const PAIRS: [number, number][] = [];
for (let l = 0; l <= 6; l++) for (let m = -l; m <= l; m++) PAIRS.push([l, m]);
PAIRS.push([80, 40], [80, -17], [200, 30], [200, -5], [512, 0], [512, 1], [512, -20], [512, 20]);
// (polar θ, azimuth φ), including near-pole and equatorial points.
const POINTS: [number, number][] = [
  [1.1, 0.3],
  [0.05, 2.0],
  [Math.PI / 2, -1.3],
  [2.9, 4.0],
  [1e-3, 0.7],
];

describe.skipIf(!hasScipy)('real SH basis against scipy.special.sph_harm', () => {
  it('agrees to 1e−10 (relative to the basis scale) from degree 0 to 512', () => {
    const script = `
import json, sys
from scipy.special import sph_harm
pairs, points = json.loads(sys.stdin.read())
out = []
for (l, m) in pairs:
    row = []
    for (theta, phi) in points:
        y = complex(sph_harm(abs(m), l, phi, theta))
        s = (-1) ** abs(m)  # remove the Condon-Shortley phase
        if m > 0: row.append(2 ** 0.5 * s * y.real)
        elif m < 0: row.append(2 ** 0.5 * s * y.imag)
        else: row.append(y.real)
    out.append(row)
print(json.dumps(out))
`;
    const run = spawnSync(PYTHON, ['-c', script], {
      input: JSON.stringify([PAIRS, POINTS]),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const reference = JSON.parse(run.stdout) as number[][];
    const points = POINTS.flatMap(([t, p]) => [
      Math.sin(t) * Math.cos(p),
      Math.sin(t) * Math.sin(p),
      Math.cos(t),
    ]);
    let worst = 0;
    PAIRS.forEach(([l, m], row) => {
      // A one-hot expansion evaluates the single basis function Y_lm.
      const a = new Float64Array(shCount(l));
      a[shIndex(l, m)] = 1;
      const values = new ShEvaluator(a, 1).evaluate(points);
      POINTS.forEach((_, i) => {
        const ref = reference[row][i];
        expect(Number.isFinite(ref)).toBe(true);
        // Basis values are O(√((2l+1)/4π)); compare on that scale.
        const scale = Math.sqrt((2 * l + 1) / (4 * Math.PI));
        worst = Math.max(worst, Math.abs(values[i] - ref) / scale);
      });
    });
    expect(worst).toBeLessThan(1e-10);
  });
});
