import { BufferAttribute, BufferGeometry, Color, SRGBColorSpace } from 'three';
import type { TypedArray } from 'three';
import { ATTRIBUTE_INFO_KEY, FACE_ATTRIBUTES_KEY } from '../../core/mesh/attributeInfo';
import type { AttributeInfo } from '../../core/mesh/attributeInfo';
import type { MeshAttribute } from '../../core/mesh/Mesh';
import { LABEL_PALETTE } from '../../core/mesh/labelPalette';
import { viridis } from './colorMaps';

/** An attribute the colour-map view can show. */
export interface ViewableAttribute {
  name: string;
  info: AttributeInfo;
}

/** Legend data for the attribute shown. */
export type Legend =
  | { kind: 'scalar'; label: string; min: number; max: number }
  | { kind: 'label'; label: string; classes: { name: string; color: string }[] };

function faceAttributes(geometry: BufferGeometry): Record<string, MeshAttribute> {
  return (geometry.userData[FACE_ATTRIBUTES_KEY] as Record<string, MeshAttribute> | undefined) ?? {};
}

/**
 * Every attribute of a geometry that can be colour-mapped: those described in
 * `userData.attributeInfo`, plus undescribed '_'-prefixed vertex attributes and face attributes
 * (shown as scalars under their own name).
 */
export function viewableAttributes(geometry: BufferGeometry): ViewableAttribute[] {
  const described =
    (geometry.userData[ATTRIBUTE_INFO_KEY] as Record<string, AttributeInfo> | undefined) ?? {};
  const out: ViewableAttribute[] = [];
  const seen = new Set<string>();
  for (const [name, info] of Object.entries(described)) {
    const present =
      info.domain === 'face' ? name in faceAttributes(geometry) : geometry.getAttribute(name) !== undefined;
    if (present) {
      out.push({ name, info });
      seen.add(name);
    }
  }
  for (const name of Object.keys(geometry.attributes)) {
    if (name.startsWith('_') && !seen.has(name))
      out.push({ name, info: { kind: 'scalar', domain: 'vertex', label: name } });
  }
  for (const name of Object.keys(faceAttributes(geometry))) {
    if (!seen.has(name)) out.push({ name, info: { kind: 'scalar', domain: 'face', label: name } });
  }
  return out;
}

/** One value per element: the component itself, or the length of a vector attribute. */
function scalarValues(array: ArrayLike<number>, itemSize: number): Float64Array {
  const count = Math.floor(array.length / itemSize);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    if (itemSize === 1) values[i] = array[i]!;
    else {
      let s = 0;
      for (let k = 0; k < itemSize; k++) s += array[i * itemSize + k]! ** 2;
      values[i] = Math.sqrt(s);
    }
  }
  return values;
}

/** Linear RGB colours (count×3) for the values, and the legend that explains them. */
function colorize(values: Float64Array, info: AttributeInfo): { colors: Float32Array; legend: Legend } {
  const colors = new Float32Array(values.length * 3);
  const color = new Color();
  if (info.kind === 'label') {
    const first = info.firstLabel ?? 0;
    let maxLabel = 0;
    for (const v of values) if (v - first > maxLabel) maxLabel = v - first;
    const classes =
      info.classes ??
      Array.from({ length: maxLabel + 1 }, (_, i) => ({
        name: `${i + first}`,
        color: LABEL_PALETTE[i % LABEL_PALETTE.length]!,
      }));
    const linear = classes.map((c) => new Color().setStyle(c.color, SRGBColorSpace));
    const unlabelled = new Color(0.35, 0.35, 0.35);
    for (let i = 0; i < values.length; i++) {
      const index = Math.round(values[i]!) - first;
      const c =
        index >= 0 ? (linear[index] ?? linear[index % Math.max(1, linear.length)] ?? unlabelled) : unlabelled;
      colors[3 * i] = c.r;
      colors[3 * i + 1] = c.g;
      colors[3 * i + 2] = c.b;
    }
    return { colors, legend: { kind: 'label', label: info.label, classes } };
  }
  let [min, max] = info.range ?? [Infinity, -Infinity];
  if (!info.range) {
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!Number.isFinite(min)) min = max = 0;
  }
  const span = max > min ? max - min : 1;
  const rgb = [0, 0, 0];
  for (let i = 0; i < values.length; i++) {
    viridis((values[i]! - min) / span, rgb);
    color.setRGB(rgb[0]!, rgb[1]!, rgb[2]!, SRGBColorSpace);
    colors[3 * i] = color.r;
    colors[3 * i + 1] = color.g;
    colors[3 * i + 2] = color.b;
  }
  return { colors, legend: { kind: 'scalar', label: info.label, min, max } };
}

/**
 * A display-only geometry that shows one attribute as vertex colours. Vertex attributes share the
 * source's buffers (positions, index, normals, morph targets) and add a colour buffer; face
 * attributes need flat colours per face, so the display geometry is de-indexed (#F×3 corners).
 * Returns null when the geometry lacks the attribute.
 */
export function attributeDisplayGeometry(
  source: BufferGeometry,
  attribute: ViewableAttribute,
): { geometry: BufferGeometry; legend: Legend } | null {
  const { info, name } = attribute;
  if (info.domain === 'vertex') {
    const a = source.getAttribute(name);
    if (!a) return null;
    const { colors, legend } = colorize(scalarValues(a.array as TypedArray, a.itemSize), info);
    const geometry = new BufferGeometry();
    geometry.setIndex(source.index);
    for (const [key, value] of Object.entries(source.attributes))
      if (key !== 'color') geometry.setAttribute(key, value);
    geometry.morphAttributes = source.morphAttributes;
    geometry.morphTargetsRelative = source.morphTargetsRelative;
    geometry.setAttribute('color', new BufferAttribute(colors, 3));
    if (!geometry.getAttribute('normal')) geometry.computeVertexNormals();
    return { geometry, legend };
  }
  const face = faceAttributes(source)[name];
  if (!face) return null;
  const { colors: faceColors, legend } = colorize(scalarValues(face.array, face.itemSize), info);
  const position = source.getAttribute('position');
  const index = source.index;
  const faceTotal = index ? index.count / 3 : position.count / 3;
  const positions = new Float32Array(faceTotal * 9);
  const colors = new Float32Array(faceTotal * 9);
  for (let f = 0; f < faceTotal; f++) {
    for (let c = 0; c < 3; c++) {
      const v = index ? index.getX(3 * f + c) : 3 * f + c;
      const o = 9 * f + 3 * c;
      positions[o] = position.getX(v);
      positions[o + 1] = position.getY(v);
      positions[o + 2] = position.getZ(v);
      colors[o] = faceColors[3 * f] ?? 0.5;
      colors[o + 1] = faceColors[3 * f + 1] ?? 0.5;
      colors[o + 2] = faceColors[3 * f + 2] ?? 0.5;
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setAttribute('color', new BufferAttribute(colors, 3));
  geometry.computeVertexNormals();
  return { geometry, legend };
}

/**
 * Rewrites the colours of some faces in a face-attribute display geometry made by
 * attributeDisplayGeometry, after their labels changed in place (the label brush). Only labels with
 * declared classes can be recoloured alone (a scalar's range could move). @returns false when the
 * display must be rebuilt instead
 */
export function recolorFaces(
  display: BufferGeometry,
  source: BufferGeometry,
  attribute: ViewableAttribute,
  faces: ArrayLike<number>,
): boolean {
  const { info, name } = attribute;
  const face = faceAttributes(source)[name];
  const color = display.getAttribute('color');
  if (
    info.domain !== 'face' ||
    info.kind !== 'label' ||
    !info.classes ||
    !face ||
    face.itemSize !== 1 ||
    !(color instanceof BufferAttribute)
  )
    return false;
  if (color.count !== face.array.length * 3) return false;
  const values = Float64Array.from({ length: faces.length }, (_, i) => face.array[faces[i]!]!);
  const { colors } = colorize(values, info);
  const target = color.array as Float32Array;
  for (let i = 0; i < faces.length; i++) {
    const o = 9 * faces[i]!;
    for (let c = 0; c < 3; c++) {
      target[o + 3 * c] = colors[3 * i]!;
      target[o + 3 * c + 1] = colors[3 * i + 1]!;
      target[o + 3 * c + 2] = colors[3 * i + 2]!;
    }
  }
  color.needsUpdate = true;
  return true;
}
