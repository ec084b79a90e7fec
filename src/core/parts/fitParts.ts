import { Adam } from '../nn/Adam';
import { add, affine } from '../nn/ops';
import { Tape } from '../nn/Tape';
import { Tensor } from '../nn/Tensor';
import { Rng } from '../sampling/Rng';
import { blockPrimitives, type ConditionalFlow } from './ConditionalFlow';
import { reseedDeadPrimitive } from './reseed';
import { boxLoss, chamferLoss, coverageLoss, normalLoss, occupancyLoss, overlapLoss } from './losses';

/** Training data in the normalised unit cube. */
export interface PartsData {
  /** surface samples #S×3 and their unit normals #S×3 */
  surfacePoints: Float32Array;
  surfaceNormals: Float32Array;
  /** volume samples #V×3 and their labels #V (1 inside, by winding number) */
  volumePoints: Float32Array;
  volumeLabels: Uint8Array;
}

/** Loss weights: the authors' D-FAUST configuration by default. */
export interface LossWeights {
  reconstruction: number;
  normal: number;
  occupancy: number;
  coverage: number;
  overlap: number;
}

export const DEFAULT_WEIGHTS: LossWeights = {
  reconstruction: 0.3,
  normal: 0.01,
  occupancy: 1,
  coverage: 0.01,
  overlap: 0.1,
};

export interface FitPartsOptions {
  /** stop after this many steps (0 = only the time budget) */
  steps: number;
  /** time budget in seconds on `clock` (0 = only the step count) */
  seconds: number;
  /**
   * The clock the budget is measured on, in seconds (default: wall clock). A CPU-time clock makes
   * a budget mean the same work whatever else runs on the machine.
   */
  clock?: () => number;
  lr: number;
  /** the learning rate falls along a half cosine from lr to lr·lrFinal over the budget (1 = constant) */
  lrFinal: number;
  /** points sampled on each primitive's sphere per step (the authors: 200) */
  spherePoints: number;
  /** target surface points per step (reconstruction) */
  surfaceBatch: number;
  /** volume points per step (occupancy, overlap, coverage) */
  volumeBatch: number;
  /** surface points per step for normal consistency */
  normalBatch: number;
  /**
   * Weight of the pull of primitive points inside other primitives towards the target surface
   * (relative to the union-surface term; the authors: 0). A primitive hidden inside others gets no
   * other gradient from the reconstruction loss.
   */
  hiddenPull: number;
  /**
   * Weight of the box term (boxLoss: primitive points beyond `boxHalf` on any axis are pulled back;
   * 0 = off): a guard against a runaway primitive.
   */
  boxWeight: number;
  boxHalf: number;
  /** 1/temperature of the inside/outside sigmoids (the authors: 250) */
  sharpness: number;
  /**
   * Sharpness at the start, raised geometrically to `sharpness` over the first `warmup` fraction of
   * the budget: soft sigmoids reach points far from a primitive early on (= sharpness: no warm-up).
   */
  sharpnessStart: number;
  warmup: number;
  /** overlap threshold λ (the paper: 1.95) */
  lambda: number;
  /** inside points each primitive must hold (coverage; the authors: 10) */
  coverageK: number;
  weights: LossWeights;
  /** global gradient-norm clip (the authors: 1) */
  clip: number;
  /**
   * Points uniform in the shape's inside (#N×3) for re-seeding dead primitives, checked when the
   * budget passes each fraction in `reseedAt`; none: no re-seeding.
   */
  inside?: Float32Array;
  reseedAt: number[];
  /**
   * The re-seeding rule checked at each fraction in `reseedAt`: moves a primitive and returns it,
   * or −1 (default: reseedDeadPrimitive on `inside`).
   */
  reseed?: (flow: ConditionalFlow) => number;
  seed: number;
  reportSeconds: number;
  onReport?: (report: FitReport) => void | Promise<void>;
}

export const DEFAULT_FIT_OPTIONS: FitPartsOptions = {
  steps: 0,
  seconds: 60,
  lr: 3e-3,
  lrFinal: 1,
  spherePoints: 200,
  surfaceBatch: 1000,
  volumeBatch: 1000,
  normalBatch: 200,
  hiddenPull: 0,
  boxWeight: 0,
  boxHalf: 0.55,
  sharpness: 250,
  sharpnessStart: 250,
  warmup: 0,
  lambda: 1.95,
  coverageK: 10,
  weights: DEFAULT_WEIGHTS,
  clip: 1,
  reseedAt: [],
  seed: 0,
  reportSeconds: 1,
};

/** One loss breakdown (weighted terms and their sum). */
export interface LossTerms {
  total: number;
  reconstruction: number;
  normal: number;
  occupancy: number;
  coverage: number;
  overlap: number;
}

export interface FitReport {
  steps: number;
  seconds: number;
  /** fraction of the budget used, [0, 1] */
  fraction: number;
  loss: LossTerms;
  /** IoU of the union on the last volume batch (a cheap running estimate) */
  batchIou: number;
}

export interface FitResult {
  steps: number;
  seconds: number;
  loss: LossTerms;
  /** total loss per step */
  losses: number[];
  /** primitives re-seeded, in order, with the step */
  reseeded: { step: number; primitive: number }[];
}

/** `count` points uniform on the sphere of radius r: #count×3 */
export function spherePoints(count: number, radius: number, rng: Rng): Float32Array {
  const out = new Float32Array(3 * count);
  for (let i = 0; i < count; i++) {
    const a = rng.normal(),
      b = rng.normal(),
      c = rng.normal();
    const n = Math.hypot(a, b, c) || 1;
    out[3 * i] = (a / n) * radius;
    out[3 * i + 1] = (b / n) * radius;
    out[3 * i + 2] = (c / n) * radius;
  }
  return out;
}

/**
 * g_m at every point for every primitive, without gradients — points: #N×3 → [M·N] in primitive
 * blocks (row m·N + n). Evaluated in chunks so memory stays bounded.
 */
export function implicitValues(flow: ConditionalFlow, points: Float32Array, chunk = 4096): Float32Array {
  const frozen = flow.frozen();
  const M = flow.config.primitives,
    N = points.length / 3;
  const out = new Float32Array(M * N);
  const tape = new Tape();
  for (let s = 0; s < N; s += chunk) {
    const e = Math.min(N, s + chunk),
      n = e - s;
    tape.reset();
    const cond = frozen.condition(tape);
    const tiled = new Float32Array(3 * M * n);
    for (let m = 0; m < M; m++) tiled.set(points.subarray(3 * s, 3 * e), 3 * m * n);
    const g = frozen.implicit(tape, cond, Tensor.constant(tiled, [M * n, 3]), blockPrimitives(M, n));
    for (let m = 0; m < M; m++) out.set(g.data.subarray(m * n, (m + 1) * n), m * N + s);
  }
  tape.reset();
  return out;
}

/** The union's implicit function G(x) = min_m g_m(x) from primitive-block values [M·N] → #N */
export function unionValues(g: Float32Array, N: number): Float32Array {
  const M = g.length / N;
  const out = new Float32Array(N).fill(Infinity);
  for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) if (g[m * N + n]! < out[n]!) out[n] = g[m * N + n]!;
  return out;
}

/**
 * Fits the primitives to one shape: Adam on the weighted sum of the five losses, with fresh random
 * batches every step. Calls `onReport` about every `reportSeconds` (awaited: the job yields there
 * so a cancel can arrive, and may throw to stop).
 */
export async function fitParts(
  flow: ConditionalFlow,
  data: PartsData,
  options: Partial<FitPartsOptions> = {},
): Promise<FitResult> {
  const o = { ...DEFAULT_FIT_OPTIONS, ...options, weights: { ...DEFAULT_WEIGHTS, ...options.weights } };
  if (!(o.steps > 0) && !(o.seconds > 0)) throw new Error('fitParts needs a step count or a time budget');
  const rng = new Rng(o.seed);
  const M = flow.config.primitives,
    r = flow.config.radius;
  const params = flow.parameters;
  const adam = new Adam(params, { lr: o.lr });
  const tape = new Tape();
  const maskTape = new Tape();
  const frozen = flow.frozen();
  const S = data.surfacePoints.length / 3,
    V = data.volumeLabels.length;
  const T = o.spherePoints,
    B = Math.min(o.volumeBatch, V),
    SB = Math.min(o.surfaceBatch, S),
    NB = Math.min(o.normalBatch, S);
  const spherePrimitives = blockPrimitives(M, T);
  const volumePrimitives = blockPrimitives(M, B);
  const surfaceBatch = new Float32Array(3 * SB);
  const volumeTiled = new Float32Array(3 * M * B);
  const labels = new Uint8Array(B);
  const normalPoints = new Float32Array(3 * 4 * NB),
    normals = new Float32Array(3 * NB),
    owners = new Int32Array(4 * NB);
  const eps = 2e-3;
  const losses: number[] = [];
  const clock = o.clock ?? ((): number => performance.now() / 1000);
  const started = clock();
  let lastReport = performance.now();
  let steps = 0;
  const reseeded: FitResult['reseeded'] = [];
  let nextReseed = 0;
  let last: LossTerms = {
    total: NaN,
    reconstruction: NaN,
    normal: NaN,
    occupancy: NaN,
    coverage: NaN,
    overlap: NaN,
  };
  for (;;) {
    const elapsed = clock() - started;
    if ((o.steps > 0 && steps >= o.steps) || (o.seconds > 0 && elapsed >= o.seconds)) break;
    const progress = Math.min(
      1,
      Math.max(o.steps > 0 ? steps / o.steps : 0, o.seconds > 0 ? elapsed / o.seconds : 0),
    );
    while (nextReseed < o.reseedAt.length && progress >= o.reseedAt[nextReseed]!) {
      nextReseed++;
      const inside = o.inside;
      const rule =
        o.reseed ?? (inside ? (f: ConditionalFlow): number => reseedDeadPrimitive(f, inside) : null);
      if (!rule) continue;
      const m = rule(flow);
      if (m >= 0) reseeded.push({ step: steps, primitive: m });
    }
    adam.lr = o.lr * (o.lrFinal + ((1 - o.lrFinal) * (1 + Math.cos(Math.PI * progress))) / 2);
    const sharpness =
      o.warmup > 0 && progress < o.warmup
        ? o.sharpnessStart * (o.sharpness / o.sharpnessStart) ** (progress / o.warmup)
        : o.sharpness;
    tape.reset();
    const cond = flow.condition(tape);

    // reconstruction: points mapped from the spheres against surface samples
    const yPrim = flow.forward(
      tape,
      cond,
      Tensor.constant(spherePoints(M * T, r, rng), [M * T, 3]),
      spherePrimitives,
    );
    const onSurface = unionSurfaceMask(frozen, maskTape, yPrim.data, M, T);
    pickRows(data.surfacePoints, S, SB, rng, surfaceBatch);
    const reconstruction = chamferLoss(tape, yPrim, onSurface, surfaceBatch, o.hiddenPull);

    // occupancy, overlap and coverage on volume samples, every point under every primitive
    for (let b = 0; b < B; b++) {
      const v = rng.int(V);
      labels[b] = data.volumeLabels[v]!;
      for (let m = 0; m < M; m++)
        volumeTiled.set(data.volumePoints.subarray(3 * v, 3 * v + 3), 3 * (m * B + b));
    }
    const g = flow.implicit(tape, cond, Tensor.constant(volumeTiled, [M * B, 3]), volumePrimitives);
    const occupancy = occupancyLoss(tape, g, labels, sharpness);
    const overlap = overlapLoss(tape, g, B, sharpness, o.lambda);
    const coverage = coverageLoss(tape, g, labels, o.coverageK, sharpness);

    // normal consistency under the primitive that owns each surface point (smallest |g_m|)
    for (let i = 0; i < NB; i++) {
      const s = rng.int(S);
      normals.set(data.surfaceNormals.subarray(3 * s, 3 * s + 3), 3 * i);
      for (let q = 0; q < 4; q++) {
        normalPoints.set(data.surfacePoints.subarray(3 * s, 3 * s + 3), 3 * (q * NB + i));
        if (q > 0) normalPoints[3 * (q * NB + i) + q - 1] += eps;
      }
    }
    ownersOf(frozen, maskTape, normalPoints.subarray(0, 3 * NB), M, owners);
    for (let q = 1; q < 4; q++) owners.copyWithin(q * NB, 0, NB);
    const g4 = flow.implicit(tape, cond, Tensor.constant(normalPoints, [4 * NB, 3]), owners);
    const normal = normalLoss(tape, g4, normals);

    const w = o.weights;
    const terms = [
      affine(tape, reconstruction, w.reconstruction),
      affine(tape, normal, w.normal),
      affine(tape, occupancy, w.occupancy),
      affine(tape, coverage, w.coverage),
      affine(tape, overlap, w.overlap),
    ];
    if (o.boxWeight > 0) terms.push(affine(tape, boxLoss(tape, yPrim, o.boxHalf), o.boxWeight));
    const total = terms.slice(1).reduce((a, b) => add(tape, a, b), terms[0]!);
    tape.backward(total);
    clipGradients(params, o.clip);
    adam.step();
    steps++;
    last = {
      total: total.item(),
      reconstruction: terms[0]!.item(),
      normal: terms[1]!.item(),
      occupancy: terms[2]!.item(),
      coverage: terms[3]!.item(),
      overlap: terms[4]!.item(),
    };
    losses.push(last.total);
    const now = performance.now();
    if (o.onReport && now - lastReport >= o.reportSeconds * 1000) {
      lastReport = now;
      const seconds = clock() - started;
      const fraction = Math.min(
        1,
        Math.max(o.steps > 0 ? steps / o.steps : 0, o.seconds > 0 ? seconds / o.seconds : 0),
      );
      await o.onReport({ steps, seconds, fraction, loss: last, batchIou: batchIou(g.data, labels) });
    }
  }
  tape.reset();
  return { steps, seconds: clock() - started, loss: last, losses, reseeded };
}

/** SB rows picked at random from points: #S×3 into out: #SB×3 */
function pickRows(points: Float32Array, S: number, SB: number, rng: Rng, out: Float32Array): void {
  for (let i = 0; i < SB; i++) {
    const s = rng.int(S);
    out.set(points.subarray(3 * s, 3 * s + 3), 3 * i);
  }
}

/**
 * Which points on the primitives lie on the union's surface: yPrim: #(M·T)×3 in primitive blocks →
 * #(M·T) flags, 1 where no other primitive contains the point (g_k ≥ 0 for all k ≠ own).
 */
export function unionSurfaceMask(
  frozen: ConditionalFlow,
  tape: Tape,
  yPrim: Float32Array,
  M: number,
  T: number,
): Uint8Array {
  const P = M * T;
  const mask = new Uint8Array(P).fill(1);
  if (M === 1) return mask;
  tape.reset();
  const cond = frozen.condition(tape);
  const tiled = new Float32Array(3 * M * P);
  for (let k = 0; k < M; k++) tiled.set(yPrim.subarray(0, 3 * P), 3 * k * P);
  const g = frozen.implicit(tape, cond, Tensor.constant(tiled, [M * P, 3]), blockPrimitives(M, P));
  for (let k = 0; k < M; k++) {
    for (let p = 0; p < P; p++) if (Math.floor(p / T) !== k && g.data[k * P + p]! < 0) mask[p] = 0;
  }
  tape.reset();
  return mask;
}

/** For each point (#N×3) the primitive with the smallest |g_m| (the one whose surface is nearest). */
function ownersOf(
  frozen: ConditionalFlow,
  tape: Tape,
  points: Float32Array,
  M: number,
  out: Int32Array,
): void {
  const N = points.length / 3;
  tape.reset();
  const cond = frozen.condition(tape);
  const tiled = new Float32Array(3 * M * N);
  for (let m = 0; m < M; m++) tiled.set(points, 3 * m * N);
  const g = frozen.implicit(tape, cond, Tensor.constant(tiled, [M * N, 3]), blockPrimitives(M, N));
  for (let n = 0; n < N; n++) {
    let best = Infinity,
      bm = 0;
    for (let m = 0; m < M; m++) {
      const a = Math.abs(g.data[m * N + n]!);
      if (a < best) {
        best = a;
        bm = m;
      }
    }
    out[n] = bm;
  }
  tape.reset();
}

/** IoU of the union (min_m g < 0) against labels, from primitive-block values [M·B] */
export function batchIou(g: Float32Array, labels: Uint8Array): number {
  const G = unionValues(g, labels.length);
  let tp = 0,
    wrong = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = G[i]! < 0,
      t = labels[i] === 1;
    if (p && t) tp++;
    else if (p || t) wrong++;
  }
  return tp + wrong ? tp / (tp + wrong) : 1;
}

/** Scales all gradients so their global L2 norm is at most `max` (as torch's clip_grad_norm_). */
function clipGradients(params: readonly Tensor[], max: number): void {
  let s = 0;
  for (const p of params) for (const g of p.grad!) s += g * g;
  const norm = Math.sqrt(s);
  if (!(norm > max)) return;
  const f = max / norm;
  for (const p of params) {
    const g = p.grad!;
    for (let i = 0; i < g.length; i++) g[i] *= f;
  }
}
