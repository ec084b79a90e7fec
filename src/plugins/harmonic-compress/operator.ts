import {
  BufferAttribute,
  BufferGeometry,
  Mesh as ThreeMesh,
  MeshStandardMaterial,
  type Object3D,
} from 'three';
import { AddObjectCommand } from '../../core/commands/AddObjectCommand';
import type { Operator } from '../Operator';
import { sphereMapPollFailure } from '../spherical-parametrize/spherePoll';
import { harmonicEditorView } from './editorView';
import { buildLod, evaluateAtDegree, type HarmonicLod } from './lod';
import { harmonicCompressProps } from './props';
import { inputFromObject, triangleMeshOf, widthOf } from './sceneMesh';
import type { HarmonicCompressInput, HarmonicCompressOutput } from './types';

export const HARMONIC_COMPRESS_VERSION = 1;
/** Per-vertex attribute holding each reconstruction vertex's point on the sphere (#V×3). */
export const SPHERE_POINTS_ATTRIBUTE = '_SH_SPHERE';

/** Runtime data of a result object that does not belong in the saved file (rebuilt on demand). */
interface HarmonicRuntime {
  lod: HarmonicLod;
  file?: Uint8Array;
}
const runtime = new WeakMap<Object3D, HarmonicRuntime>();

export const harmonicCompressOperator: Operator<
  typeof harmonicCompressProps,
  HarmonicCompressInput,
  HarmonicCompressOutput
> = {
  idname: 'mesh.harmonic_compress',
  label: 'Harmonic Compress',
  description:
    'Expresses a genus-0 mesh in spherical harmonics through its sphere map: a compact, progressive representation with a live level-of-detail slider, coefficient images and an exportable coefficient file.',
  category: 'Harmonic Compress',
  props: harmonicCompressProps,
  job: 'harmonic-compress',

  poll(ctx) {
    const mesh = triangleMeshOf(ctx.object);
    if (!mesh) return { reason: 'select a triangle mesh' };
    return sphereMapPollFailure(mesh.geometry as BufferGeometry);
  },

  prepare(ctx) {
    const mesh = triangleMeshOf(ctx.object);
    if (!mesh) throw new Error('select a triangle mesh');
    const input = inputFromObject(mesh);
    const transfer = [
      input.positions,
      input.indices,
      input.colors,
      input.uvs,
      input.cornerUvs,
      input.textureFile?.bytes,
    ]
      .filter((a): a is NonNullable<typeof a> => a !== undefined)
      .map((a) => a.buffer as ArrayBuffer);
    return { input, transfer };
  },

  apply(ctx, output, props) {
    const source = ctx.object as Object3D;
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(output.positions, 3));
    geometry.setIndex(new BufferAttribute(output.indices, 1));
    if (output.colors) geometry.setAttribute('color', new BufferAttribute(output.colors, 3));
    geometry.setAttribute(SPHERE_POINTS_ATTRIBUTE, new BufferAttribute(output.spherePoints, 3));
    geometry.computeVertexNormals();
    const material = new MeshStandardMaterial({
      color: 0xffffff,
      vertexColors: output.colors !== undefined,
      roughness: 0.7,
    });
    const object = new ThreeMesh(geometry, material);
    object.name = `${source.name || 'Mesh'} (SH L=${props.degree})`;
    object.position.copy(source.position);
    object.quaternion.copy(source.quaternion);
    object.scale.copy(source.scale);
    object.position.x += 1.2 * widthOf(source);
    object.userData = {
      plugin: 'harmonic-compress',
      props: { ...props },
      version: HARMONIC_COMPRESS_VERSION,
      metrics: { ...output.metrics },
      harmonic: {
        degree: props.degree,
        channelNames: output.channelNames,
        precision: output.metrics.precision,
        lodChannels: output.lodChannels,
        /** float32 little-endian, C×(L+1)², base64 (JSON-safe, survives GLB extras). */
        coefficients: base64(
          new Uint8Array(
            output.coefficients.buffer,
            output.coefficients.byteOffset,
            output.coefficients.byteLength,
          ),
        ),
      },
    };
    runtime.set(object, {
      lod: {
        table: output.lod,
        degrees: output.lodDegrees,
        vertices: output.positions.length / 3,
        channels: output.lodChannels,
      },
      file: output.file,
    });
    return new AddObjectCommand(ctx.host, object, source.parent ?? ctx.host.scene);
  },

  metrics(output) {
    return { ...output.metrics };
  },

  resultView: (object) => harmonicEditorView(object),
};

/** Whether a result's level-of-detail table is at hand (made in this session, or attached after a rebuild). */
export function hasHarmonicLod(object: Object3D): boolean {
  return runtime.get(object)?.lod !== undefined;
}

/**
 * The level-of-detail data of a Harmonic Compress result: kept from the job, or rebuilt from the
 * saved coefficients and `_SH_SPHERE` (O(V·L²), seconds for large meshes at high degree: call it
 * once, e.g. when the panel opens). Undefined for other objects.
 */
export function harmonicLodOf(object: Object3D): HarmonicLod | undefined {
  const cached = runtime.get(object);
  if (cached) return cached.lod;
  const input = harmonicLodJobInput(object);
  if (!input) return undefined;
  const lod = buildLod(input.coefficients, input.channels, input.spherePoints);
  runtime.set(object, { lod });
  return lod;
}

/**
 * Attaches a LOD table built elsewhere (the 'harmonic-compress.lod' job, off the UI thread) to a
 * result object, so `showHarmonicDegree` uses it instead of rebuilding on the calling thread.
 */
export function setHarmonicLod(object: Object3D, lod: HarmonicLod): void {
  runtime.set(object, { ...runtime.get(object), lod });
}

/**
 * The input of the 'harmonic-compress.lod' job for a result object (copies, ready to transfer),
 * or undefined for other objects.
 */
export function harmonicLodJobInput(
  object: Object3D,
): { coefficients: Float32Array; channels: number; spherePoints: Float32Array } | undefined {
  const info = object.userData?.harmonic as
    { coefficients?: string; channelNames?: string[]; lodChannels?: number } | undefined;
  const mesh = triangleMeshOf(object);
  const sphere = mesh?.geometry.getAttribute(SPHERE_POINTS_ATTRIBUTE);
  if (!info?.coefficients || !info.channelNames || !sphere) return undefined;
  const all = decodeCoefficients(info.coefficients);
  const channels = info.lodChannels ?? 3;
  const perChannel = all.length / info.channelNames.length;
  return {
    coefficients: all.slice(0, channels * perChannel),
    channels,
    spherePoints: Float32Array.from(sphere.array),
  };
}

/**
 * Shows a Harmonic Compress result truncated at `degree` (the LOD slider): rewrites its position
 * (and colour) attribute in place from the LOD table and recomputes normals. Live preview only,
 * outside the undo history; returns the degree actually shown (degrees not stored snap down).
 */
export function showHarmonicDegree(object: Object3D, degree: number): number {
  const lod = harmonicLodOf(object);
  const mesh = triangleMeshOf(object);
  if (!lod || !mesh) throw new Error('not a Harmonic Compress result');
  const geometry = mesh.geometry as BufferGeometry;
  const position = geometry.getAttribute('position') as BufferAttribute;
  const color = geometry.getAttribute('color') as BufferAttribute | undefined;
  const shown = evaluateAtDegree(lod, degree, {
    positions: position.array as Float32Array,
    colors: color ? (color.array as Float32Array) : undefined,
  });
  position.needsUpdate = true;
  if (color) color.needsUpdate = true;
  updateVertexNormals(geometry);
  geometry.computeBoundingSphere();
  return shown.degree;
}

/**
 * Area-weighted vertex normals in one pass over typed arrays (three.js's computeVertexNormals goes
 * through Vector3 objects per corner and takes most of a redraw's budget at 30k vertices).
 */
function updateVertexNormals(geometry: BufferGeometry): void {
  const position = geometry.getAttribute('position') as BufferAttribute;
  const p = position.array as Float32Array;
  const index = geometry.index!.array;
  let normal = geometry.getAttribute('normal') as BufferAttribute | undefined;
  if (!normal || normal.count !== position.count) {
    normal = new BufferAttribute(new Float32Array(p.length), 3);
    geometry.setAttribute('normal', normal);
  }
  const n = normal.array as Float32Array;
  n.fill(0);
  for (let f = 0; f < index.length; f += 3) {
    const a = 3 * index[f],
      b = 3 * index[f + 1],
      c = 3 * index[f + 2];
    const ux = p[b] - p[a],
      uy = p[b + 1] - p[a + 1],
      uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a],
      vy = p[c + 1] - p[a + 1],
      vz = p[c + 2] - p[a + 2];
    const nx = uy * vz - uz * vy,
      ny = uz * vx - ux * vz,
      nz = ux * vy - uy * vx;
    n[a] += nx;
    n[a + 1] += ny;
    n[a + 2] += nz;
    n[b] += nx;
    n[b + 1] += ny;
    n[b + 2] += nz;
    n[c] += nx;
    n[c + 1] += ny;
    n[c + 2] += nz;
  }
  for (let i = 0; i < n.length; i += 3) {
    const length = Math.hypot(n[i], n[i + 1], n[i + 2]) || 1;
    n[i] /= length;
    n[i + 1] /= length;
    n[i + 2] /= length;
  }
  normal.needsUpdate = true;
}

/** The .hshc coefficient file of a result made in this session (undefined after a reload). */
export function harmonicFileOf(object: Object3D): Uint8Array | undefined {
  return runtime.get(object)?.file;
}

/** The stored coefficients of `userData.harmonic.coefficients` (base64 float32 LE) as a Float32Array. */
export function decodeCoefficients(text: string): Float32Array {
  const bytes = fromBase64(text);
  return new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63] : '=';
  }
  return out;
}

function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = BASE64.indexOf(clean[i]);
    if (v < 0) throw new Error('corrupted coefficients in userData (not base64)');
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
