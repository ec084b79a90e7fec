import { relative } from 'node:path';
import type { SegmentationScores } from '../core/meshcnn/segmentation';

/** 12345 → '12,345'. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** MeshCNN's three test figures in one line, as train and eval print them. */
export function segmentationScores(s: SegmentationScores): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return `soft-label edge ${pct(s.softEdgeAccuracy)}, hard edge ${pct(s.hardEdgeAccuracy)}, face ${pct(s.faceAccuracy)}`;
}

/** A path as the user would type it: relative to the working folder when inside it. */
export function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** The message of any thrown value, for `FILE: message` lines. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `work` on each item with at most `limit` running at once; results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
