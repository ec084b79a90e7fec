import { Mlp } from '../nn/Mlp';
import { add, affine, gatherRows, linear, mul, relu } from '../nn/ops';
import { Tape } from '../nn/Tape';
import { Tensor } from '../nn/Tensor';
import type { Rng } from '../sampling/Rng';
import {
  composeRotations,
  couplingStep,
  eluPlusOne,
  quaternionRotation,
  rowAffine,
  rowNorm,
  selectColumns,
} from './partsOps';

/** Sizes of the conditional invertible network. */
export interface FlowConfig {
  /** number of primitives M (1–16) */
  primitives: number;
  /** size of each primitive's learned code C_m */
  codeSize: number;
  /** width of the coupling and conditioning MLPs */
  hidden: number;
  /** coupling layers (the paper: 4) */
  layers: number;
  /** radius r of the source sphere (the authors: 0.25 in the unit cube) */
  radius: number;
  /** bound on the coupling log-scales |s| (the authors' Hardtanh: 10) */
  sMax?: number;
  /**
   * Where each primitive's scales, rotation and translation come from: 'predicted' from its code by
   * small shared networks (the paper), or 'free' — parameters of their own. In a per-shape fit the
   * shared heads drag every primitive along with the gradient of the big ones (Adam moves the shared
   * weights by full steps), and a thin limb's primitive slides off its limb within 50 steps.
   */
  affine?: 'predicted' | 'free';
  /**
   * Factor on the two coordinates each coupling MLP reads (default 1, as the paper). The source
   * sphere has radius r = 0.25, so its raw coordinates are ±0.25 against code terms of size ~1: the
   * first layer's units are then nearly constant over the sphere (on or off everywhere), the
   * couplings nearly affine, and each primitive stays close to an ellipsoid through a per-shape
   * fit of a thousand steps. 1/r reads the unit sphere's coordinates; the plugin uses 2/r (see
   * COUPLING_SPHERE_RADIUS in its job). The exported model folds the factor into the first
   * layer's point weights.
   */
  pointScale?: number;
}

/**
 * Where the primitives start, as fixed ellipsoids: offsets added to the predicted translations
 * (#M×3), per-axis factors on the predicted scales σ (#M×3), and rotations applied after the
 * predicted ones (#M×9 row-major, p' = p·R_pred·R_anchor). Not trained; the network learns
 * everything relative to them.
 */
export interface FlowAnchors {
  translation: Float32Array;
  scale: Float32Array;
  rotation: Float32Array;
}

/** One conditional coupling layer: [x_j, x_k] and the code → (s, t) for coordinate `coordinate`. */
interface CouplingLayer {
  coordinate: number;
  /** the two coordinates it reads, [j, k] */
  reads: [number, number];
  /** first layer, point part: [2, H] */
  pointWeight: Tensor;
  /** first layer, code part: [D, H] and its bias [H] */
  codeWeight: Tensor;
  codeBias: Tensor;
  /** hidden [H,H] + [H], output [H,2] + [2] (s, t) */
  rest: Mlp;
}

/** What one step computes once per primitive and reuses for every point: #M rows each. */
export interface Conditioning {
  /** per coupling layer the code's contribution to the first layer: [M, H] */
  codeTerms: Tensor[];
  /** normaliser scales σ > 0: [M,3] */
  sigma: Tensor;
  /** rotations: [M,9] */
  rotation: Tensor;
  /** translations: [M,3] */
  translation: Tensor;
}

/**
 * Neural Parts' conditional invertible network φ(x; C_m) (Paschalidou et al. 2021): a stack of
 * conditional affine coupling layers, each changing one coordinate as a function of the other two
 * and the primitive's code, then a normaliser (per-axis scale) and an affine transform (rotation,
 * translation), all predicted from the code. φ maps the sphere of radius r to primitive m's surface;
 * φ⁻¹ gives its implicit function g_m(x) = ‖φ⁻¹(x; C_m)‖ − r (negative inside).
 *
 * The authors feed a learned projection of the masked point next to the code into each coupling
 * MLP; a linear projection followed by a linear layer is one linear layer, so here the first layer
 * reads [x_j, x_k] and the code directly. Layer i changes coordinate i mod 3 (the authors pick the
 * kept pair at random).
 */
export class ConditionalFlow {
  readonly codes: Tensor;
  readonly couplings: CouplingLayer[] = [];
  readonly scaleNet: Mlp;
  readonly rotationNet: Mlp;
  readonly translationNet: Mlp;
  /** with `affine: 'free'`: each primitive's scale logits [M,3], quaternion [M,4], translation [M,3] */
  readonly free: { scale: Tensor; rotation: Tensor; translation: Tensor } | null = null;
  /** anchor translations [M,3], σ factors [M,3] and rotations [M,9] (constants) */
  readonly anchorTranslation: Tensor;
  readonly anchorScale: Tensor;
  readonly anchorRotation: Tensor;

  constructor(
    readonly config: FlowConfig,
    rng: Rng,
    anchors?: FlowAnchors,
  ) {
    const { primitives: M, codeSize: D, hidden: H } = config;
    if (!(M >= 1 && M <= 16)) throw new Error(`a flow needs 1 to 16 primitives, not ${M}`);
    this.codes = Tensor.parameter(
      Float32Array.from({ length: M * D }, () => rng.normal()),
      [M, D],
    );
    for (let l = 0; l < config.layers; l++) {
      const c = l % 3;
      const first = new Mlp([2 + D, H], 'relu', rng); // initialised as one layer over [x_j, x_k, C]
      const w = first.layers[0]!.weight.data;
      this.couplings.push({
        coordinate: c,
        reads: [(c + 1) % 3, (c + 2) % 3],
        pointWeight: Tensor.parameter(w.slice(0, 2 * H), [2, H]),
        codeWeight: Tensor.parameter(w.slice(2 * H), [D, H]),
        codeBias: first.layers[0]!.bias,
        rest: new Mlp([H, H, 2], 'relu', rng),
      });
      // start near the identity map: small (s, t)
      const last = this.couplings[l]!.rest.layers[1]!;
      last.weight.data.forEach((v, i) => (last.weight.data[i] = v * 0.1));
      last.bias.data.fill(0);
    }
    this.scaleNet = new Mlp([D, H, 3], 'relu', rng);
    this.rotationNet = new Mlp([D, H, 4], 'relu', rng);
    this.translationNet = new Mlp([D, H, 3], 'relu', rng);
    // identity rotation to start: a quaternion close to (1, 0, 0, 0)
    this.rotationNet.layers[1]!.bias.data.set([1, 0, 0, 0]);
    // With anchors the predicted rotation, scales and offsets start exactly neutral (zero output
    // weights), so every primitive starts exactly as its anchor ellipsoid: random offsets of ~0.1
    // moved a thin limb's primitive off its limb before the first step, where it died. Without
    // anchors small random ones break the symmetry between primitives.
    const headScale = anchors ? 0 : 0.1;
    for (const net of [this.rotationNet, this.scaleNet, this.translationNet])
      net.layers[1]!.weight.data.forEach((v, i, a) => (a[i] = v * headScale));
    for (const net of [this.scaleNet, this.translationNet]) net.layers[1]!.bias.data.fill(0);
    if (config.affine === 'free')
      this.free = {
        scale: Tensor.parameter(new Float32Array(3 * M), [M, 3]),
        rotation: Tensor.parameter(
          Float32Array.from({ length: 4 * M }, (_, i) => (i % 4 === 0 ? 1 : 0)),
          [M, 4],
        ),
        translation: Tensor.parameter(new Float32Array(3 * M), [M, 3]),
      };
    this.anchorTranslation = Tensor.constant(
      anchors ? Float32Array.from(anchors.translation) : new Float32Array(3 * M),
      [M, 3],
    );
    this.anchorScale = Tensor.constant(
      anchors ? Float32Array.from(anchors.scale) : new Float32Array(3 * M).fill(1),
      [M, 3],
    );
    const identity = Float32Array.from({ length: 9 * M }, (_, i) => ((i % 9) % 4 === 0 ? 1 : 0));
    this.anchorRotation = Tensor.constant(anchors ? Float32Array.from(anchors.rotation) : identity, [M, 9]);
    if (
      this.anchorTranslation.size !== 3 * M ||
      this.anchorScale.size !== 3 * M ||
      this.anchorRotation.size !== 9 * M
    )
      throw new Error(`anchors for ${this.anchorTranslation.size / 3} primitives, the flow has ${M}`);
  }

  get parameters(): Tensor[] {
    return [
      this.codes,
      ...this.couplings.flatMap((c) => [c.pointWeight, c.codeWeight, c.codeBias, ...c.rest.parameters]),
      ...(this.free
        ? [this.free.scale, this.free.rotation, this.free.translation]
        : [...this.scaleNet.parameters, ...this.rotationNet.parameters, ...this.translationNet.parameters]),
    ];
  }

  get parameterCount(): number {
    return this.parameters.reduce((s, p) => s + p.size, 0);
  }

  /** The per-primitive quantities of one step (from the codes). */
  condition(tape: Tape): Conditioning {
    return {
      codeTerms: this.couplings.map((c) => linear(tape, this.codes, c.codeWeight, c.codeBias)),
      sigma: mul(
        tape,
        eluPlusOne(tape, this.free?.scale ?? this.scaleNet.forward(tape, this.codes)),
        this.anchorScale,
      ),
      rotation: composeRotations(
        tape,
        quaternionRotation(tape, this.free?.rotation ?? this.rotationNet.forward(tape, this.codes)),
        this.anchorRotation,
      ),
      translation: add(
        tape,
        this.free?.translation ?? this.translationNet.forward(tape, this.codes),
        this.anchorTranslation,
      ),
    };
  }

  /** The two coordinates a coupling layer reads, times pointScale: y [N,3] → [N,2] */
  private couplingInput(tape: Tape, y: Tensor, reads: readonly number[]): Tensor {
    const k = this.config.pointScale ?? 1;
    const pair = selectColumns(tape, y, reads);
    return k === 1 ? pair : affine(tape, pair, k);
  }

  /** (s, t) of coupling layer `layer` for points y: [N,3] of primitives `primitiveOf`: #N → [N,2] */
  private coupling(
    tape: Tape,
    layer: CouplingLayer,
    codeTerm: Tensor,
    y: Tensor,
    primitiveOf: Int32Array,
  ): Tensor {
    const h = relu(
      tape,
      add(
        tape,
        linear(tape, this.couplingInput(tape, y, layer.reads), layer.pointWeight),
        gatherRows(tape, codeTerm, primitiveOf),
      ),
    );
    return layer.rest.forward(tape, h);
  }

  /** φ: points on the source sphere → points on the primitives. x: [N,3], primitiveOf: #N → [N,3] */
  forward(tape: Tape, cond: Conditioning, x: Tensor, primitiveOf: Int32Array): Tensor {
    let y = x;
    this.couplings.forEach((layer, l) => {
      y = couplingStep(
        tape,
        y,
        this.coupling(tape, layer, cond.codeTerms[l]!, y, primitiveOf),
        layer.coordinate,
        false,
        this.config.sMax ?? 10,
      );
    });
    const g = (t: Tensor): Tensor => gatherRows(tape, t, primitiveOf);
    return rowAffine(tape, y, g(cond.sigma), g(cond.rotation), g(cond.translation), false);
  }

  /** φ⁻¹: points in space → the source sphere's space of their primitives. y: [N,3] → [N,3] */
  inverse(tape: Tape, cond: Conditioning, y: Tensor, primitiveOf: Int32Array): Tensor {
    const g = (t: Tensor): Tensor => gatherRows(tape, t, primitiveOf);
    let x = rowAffine(tape, y, g(cond.sigma), g(cond.rotation), g(cond.translation), true);
    for (let l = this.couplings.length - 1; l >= 0; l--) {
      const layer = this.couplings[l]!;
      x = couplingStep(
        tape,
        x,
        this.coupling(tape, layer, cond.codeTerms[l]!, x, primitiveOf),
        layer.coordinate,
        true,
        this.config.sMax ?? 10,
      );
    }
    return x;
  }

  /** g_m(y) = ‖φ⁻¹(y; C_m)‖ − r for each row's primitive — y: [N,3] → [N,1] */
  implicit(tape: Tape, cond: Conditioning, y: Tensor, primitiveOf: Int32Array): Tensor {
    return affine(tape, rowNorm(tape, this.inverse(tape, cond, y, primitiveOf)), 1, -this.config.radius);
  }

  /**
   * Moves primitive m's affine part (before its couplings' deformation) to a new ellipsoid — centre
   * #3, σ factors #3 (r / semi-axis) and rotation #9 (rows = axes) — by setting its anchors so that
   * anchor ∘ prediction gives them with the network as it is now. Re-seeds a primitive that died.
   */
  placePrimitive(
    m: number,
    target: { translation: ArrayLike<number>; scale: ArrayLike<number>; rotation: ArrayLike<number> },
  ): void {
    const tape = new Tape();
    const cond = this.frozen().condition(tape);
    const T = this.anchorTranslation.data,
      S = this.anchorScale.data,
      A = this.anchorRotation.data;
    for (let k = 0; k < 3; k++) {
      const predictedOffset = cond.translation.data[3 * m + k]! - T[3 * m + k]!;
      T[3 * m + k] = target.translation[k]! - predictedOffset;
      const predictedSigma = cond.sigma.data[3 * m + k]! / S[3 * m + k]!;
      S[3 * m + k] = target.scale[k]! / predictedSigma;
    }
    // R_total = R_pred·A with A orthonormal: R_pred = R_total·Aᵀ; the new A = R_predᵀ·R_target
    const Rt = cond.rotation.data.subarray(9 * m, 9 * m + 9),
      Aold = Float64Array.from(A.subarray(9 * m, 9 * m + 9));
    const Rp = new Float64Array(9);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 3; k++) Rp[3 * i + j] += Rt[3 * i + k]! * Aold[3 * j + k]!;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let v = 0;
        for (let k = 0; k < 3; k++) v += Rp[3 * k + i]! * target.rotation[3 * k + j]!;
        A[9 * m + 3 * i + j] = v;
      }
    tape.reset();
  }

  /**
   * A twin sharing this network's weights as constants: evaluating it records no backward steps
   * (for masks, metrics and meshing, where no gradient is wanted).
   */
  frozen(): ConditionalFlow {
    const twin = Object.create(ConditionalFlow.prototype) as ConditionalFlow;
    const c = (t: Tensor): Tensor => Tensor.constant(t.data, t.shape);
    const mlp = (m: Mlp): Mlp => {
      const copy = Object.create(Mlp.prototype) as Mlp;
      Object.assign(copy, {
        sizes: m.sizes,
        activation: m.activation,
        layers: m.layers.map((l) => ({ weight: c(l.weight), bias: c(l.bias) })),
      });
      return copy;
    };
    Object.assign(twin, {
      config: this.config,
      codes: c(this.codes),
      couplings: this.couplings.map((l) => ({
        ...l,
        pointWeight: c(l.pointWeight),
        codeWeight: c(l.codeWeight),
        codeBias: c(l.codeBias),
        rest: mlp(l.rest),
      })),
      scaleNet: mlp(this.scaleNet),
      rotationNet: mlp(this.rotationNet),
      translationNet: mlp(this.translationNet),
      free: this.free && {
        scale: c(this.free.scale),
        rotation: c(this.free.rotation),
        translation: c(this.free.translation),
      },
      anchorTranslation: this.anchorTranslation,
      anchorScale: this.anchorScale,
      anchorRotation: this.anchorRotation,
    });
    return twin;
  }
}

/** Row → primitive indices for M blocks of `perBlock` rows each (block m = primitive m). */
export function blockPrimitives(primitives: number, perBlock: number): Int32Array {
  const out = new Int32Array(primitives * perBlock);
  for (let m = 0; m < primitives; m++) out.fill(m, m * perBlock, (m + 1) * perBlock);
  return out;
}
