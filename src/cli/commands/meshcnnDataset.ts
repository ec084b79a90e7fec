import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseObjMesh } from '../../core/io/parseObjMesh';
import { parseSample, type SegmentationSample } from '../../core/meshcnn/segmentation';

/**
 * Loads a MeshCNN segmentation dataset folder (train/*.obj, test/*.obj, seg/*.eseg, sseg/*.seseg).
 * @param limit at most this many meshes per split (quick runs)
 */
export function loadSegmentationSplit(
  datasetDir: string,
  split: 'train' | 'test',
  limit = Infinity,
): SegmentationSample[] {
  const dir = join(datasetDir, split);
  if (!existsSync(dir))
    throw new Error(`${dir} does not exist (expected a MeshCNN dataset with train/ and test/)`);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.obj'))
    .sort()
    .slice(0, limit);
  if (names.length === 0) throw new Error(`${dir} has no .obj files`);
  return names.map((file) => {
    const name = basename(file, '.obj');
    const mesh = parseObjMesh(readFileSync(join(dir, file), 'utf8'));
    const eseg = readFileSync(join(datasetDir, 'seg', `${name}.eseg`), 'utf8');
    const sesegPath = join(datasetDir, 'sseg', `${name}.seseg`);
    const seseg = existsSync(sesegPath) ? readFileSync(sesegPath, 'utf8') : undefined;
    return parseSample(name, mesh.positions, mesh.indices, eseg, seseg);
  });
}

/** The number of classes: from classes.txt when present, else the largest label seen. */
export function datasetClassCount(datasetDir: string, samples: readonly SegmentationSample[]): number {
  const classesFile = join(datasetDir, 'classes.txt');
  if (existsSync(classesFile)) {
    const n = readFileSync(classesFile, 'utf8').trim().split(/\r?\n/).length;
    if (n > 0) return n;
  }
  let max = 0;
  for (const s of samples) for (const l of s.labels) max = Math.max(max, l + 1);
  return max;
}
