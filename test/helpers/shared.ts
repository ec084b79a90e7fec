import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Mesh } from '../../src/core/mesh/Mesh';
import { parseObjMesh } from '../../src/core/io/parseObjMesh';

/**
 * The shared datasets live beside the project (../shared), never inside it. Tests that need them
 * use `hasShared` with `describe.skipIf(!hasShared)` and say so when they are absent.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = process.env.HOMEOMORPH_SHARED ?? join(repoRoot, '..', 'shared');
export const hasShared = existsSync(join(sharedDir, 'datasets', 'meshes'));
if (!hasShared) console.warn(`shared datasets not found at ${sharedDir}: tests that need them are skipped`);

export function datasetPath(...parts: string[]): string {
  return join(sharedDir, 'datasets', ...parts);
}

/** Loads ../shared/datasets/meshes/NAME (e.g. 'spot.obj') as an indexed mesh in file order. */
export function loadSharedMesh(name: string): Mesh {
  return parseObjMesh(readFileSync(datasetPath('meshes', name), 'utf8'));
}
