import type { Props, PropSpecs } from '../../core/plugin/PropSpec';

/** The operator's declared properties (panel and CLI flags). */
export const sphericalProps = {
  timeStep: {
    type: 'float',
    default: 0.05,
    min: 1e-4,
    max: 10,
    step: 0.01,
    label: 'Time step',
    help: 'flow time step t on the unit-area surface',
  },
  maxSteps: { type: 'int', default: 100, min: 1, max: 10000, label: 'Max steps' },
  tolerance: {
    type: 'float',
    default: 1e-3,
    min: 1e-8,
    max: 0.5,
    label: 'Tolerance',
    help: 'stop when the radial deviation is at most this',
  },
  mass: {
    type: 'enum',
    default: 'fem',
    items: [
      ['fem', 'FEM (consistent)'],
      ['lumped', 'Lumped'],
    ],
    label: 'Mass matrix',
  },
  laplacian: {
    type: 'enum',
    default: 'cotan',
    items: [
      ['cotan', 'Cotangent (as mesh2sh)'],
      ['intrinsic-delaunay', 'Intrinsic Delaunay'],
    ],
    label: 'Laplacian',
    help: 'intrinsic Delaunay has no negative weights: fewer fold-overs on thin features',
  },
  mobiusCentring: {
    type: 'bool',
    default: false,
    label: 'Möbius centring',
    help: "centre the input's area on the sphere (conformal, changes area distortion)",
  },
  unfold: {
    type: 'bool',
    default: true,
    label: 'Unfold fold-overs',
    help: 'relax the few vertices around triangles the flow folded over (thin features), leaving the rest as it is',
  },
  checker: {
    type: 'bool',
    default: true,
    label: 'Checkerboard material',
    help: 'show a checkerboard through the sphere coordinates',
  },
} satisfies PropSpecs;

export type SphericalProps = Props<typeof sphericalProps>;

/** What the job receives: a copy of the mesh's geometry (positions #V×3, indices #F×3). */
export interface SphericalJobInput {
  positions: Float32Array | Float64Array;
  indices: Uint32Array;
}

/** What the job returns. */
export interface SphericalJobOutput {
  /** #V×3 unit vectors. */
  sphere: Float64Array;
  /** Per face (#F): mean relative corner-angle error, and ln(a′/a) with areas normalised to total 1. */
  angleDistortion: Float32Array;
  areaDistortion: Float32Array;
  metrics: Record<string, number | boolean | null>;
}

export const PLUGIN_VERSION = '1.0.0';
