import { MTLLoader } from 'three/examples/jsm/loaders/MTLLoader.js';
import type { MaterialData } from './ModelData';

/** A material of an MTL file, with the texture file it names (not yet loaded). */
export interface MtlMaterial {
  material: MaterialData;
  /** The 'map_Kd' file path as written in the MTL, options removed. */
  mapPath?: string;
}

/**
 * Reads an MTL library with three.js's MTLLoader.parse (plain text parsing, no DOM until materials
 * are created, which we do not ask for) and maps the Phong-style values to our PBR subset:
 * Kd (sRGB) → linear colour, d / Tr → opacity, Ns → roughness ≈ √(2 / (Ns + 2)), Pm → metalness.
 */
export function parseMtl(text: string): Map<string, MtlMaterial> {
  const info = new MTLLoader().parse(text, '').materialsInfo as Record<string, Record<string, unknown>>;
  const result = new Map<string, MtlMaterial>();
  for (const [name, values] of Object.entries(info)) {
    const material: MaterialData = { name };
    const kd = values.kd;
    if (Array.isArray(kd) && kd.length >= 3 && kd.every((x) => Number.isFinite(x))) {
      material.color = [srgbToLinear(kd[0]), srgbToLinear(kd[1]), srgbToLinear(kd[2])];
    }
    const d = Number(values.d);
    const tr = Number(values.tr);
    if (Number.isFinite(d)) material.opacity = clamp01(d);
    else if (Number.isFinite(tr)) material.opacity = clamp01(1 - tr);
    const ns = Number(values.ns);
    if (Number.isFinite(ns) && ns >= 0) material.roughness = Math.sqrt(2 / (ns + 2));
    const pm = Number(values.pm);
    if (Number.isFinite(pm)) material.metalness = clamp01(pm);
    const entry: MtlMaterial = { material };
    if (typeof values.map_kd === 'string') entry.mapPath = texturePath(values.map_kd);
    result.set(name, entry);
  }
  return result;
}

/** The file of a 'map_Kd [-options values…] file' statement: the last token (paths with spaces are rare). */
function texturePath(value: string): string | undefined {
  const tokens = value.trim().split(/\s+/);
  const last = tokens[tokens.length - 1];
  return last ? last.replace(/\\/g, '/') : undefined;
}

function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
