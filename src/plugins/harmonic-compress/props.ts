import type { Props, PropSpecs } from '../../core/plugin/PropSpec';

/** Harmonic Compress's declared properties: the panel, the CLI flags (--degree 64 …) and presets. */
export const harmonicCompressProps = {
  degree: {
    type: 'int',
    default: 64,
    min: 1,
    max: 512,
    label: 'Degree L',
    help: 'highest SH degree kept: (L+1)² coefficients per channel',
  },
  channels: {
    type: 'enum',
    default: 'geometry_color',
    items: [
      ['geometry', 'Geometry (x, y, z)'],
      ['geometry_color', 'Geometry + colour'],
      ['all', 'Geometry + colour + mesh2sh channels'],
    ],
    label: 'Channels',
    help: 'colour comes from the texture (through the UVs) or the vertex colours, when the mesh has them; mesh2sh channels: curvature density, area distortion, vertex density',
  },
  precision: {
    type: 'enum',
    default: 'float32',
    items: [
      ['float32', 'float32'],
      ['float16', 'float16 (half the size)'],
    ],
    label: 'Precision',
  },
  target: {
    type: 'enum',
    default: 'same',
    items: [
      ['same', 'Same connectivity'],
      ['sphere', 'New sphere mesh'],
    ],
    label: 'Reconstruct on',
  },
  resolution: {
    type: 'int',
    default: 40962,
    min: 12,
    max: 655362,
    label: 'Sphere mesh vertices',
    help: 'for a new sphere mesh: at least this many vertices (icosphere, 10·4^k + 2)',
  },
} satisfies PropSpecs;

export type HarmonicCompressProps = Props<typeof harmonicCompressProps>;
