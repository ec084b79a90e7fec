import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evalMeshcnnCommand } from '../../../src/cli/commands/evalMeshcnn';
import { ENSEMBLE_SEED } from '../../../src/core/meshcnn/ensemble';
import { trainMeshcnn } from '../../../src/cli/commands/trainMeshcnn';
import type { CliContext } from '../../../src/cli/CliContext';
import { loadModel } from '../../../src/core/meshcnn/modelFile';
import { datasetPath, hasShared } from '../../helpers/shared';

describe.skipIf(!hasShared)('homeomorph train / eval meshcnn', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshcnn-train-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const common = [
    '--dataset',
    datasetPath('human_seg'),
    '--out',
    dir,
    '--limit',
    '3',
    '--channels',
    '4,8',
    '--pool',
    '1800',
    '--res-blocks',
    '0',
  ];
  const lines: string[] = [];

  it('trains with checkpoints and a log, then resumes where it stopped', async () => {
    expect(await trainMeshcnn([...common, '--epochs', '1'], (l) => lines.push(l))).toBe(0);
    expect(existsSync(join(dir, 'checkpoint.hmcn'))).toBe(true);
    expect(existsSync(join(dir, 'human_seg.hmcn'))).toBe(true);
    expect(await trainMeshcnn([...common, '--epochs', '2', '--resume'], (l) => lines.push(l))).toBe(0);
    expect(lines.some((l) => l.startsWith('resumed at epoch 1'))).toBe(true);
    const log = readFileSync(join(dir, 'log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { epoch: number; test: { softEdgeAccuracy: number } });
    expect(log.map((e) => e.epoch)).toEqual([1, 2]);
    expect(log[1]!.test.softEdgeAccuracy).toBeGreaterThanOrEqual(0);
    const checkpoint = loadModel(new Uint8Array(readFileSync(join(dir, 'checkpoint.hmcn'))));
    expect(checkpoint.info.training?.epoch).toBe(2);
    expect([...checkpoint.extra.keys()].some((k) => k.startsWith('adam.m.'))).toBe(true);
    expect(checkpoint.info.classes[0]!.name).toBe('head');
  });

  it("keeps the mean of the late epochs' weights with --average-from, across a resume", async () => {
    const out = join(dir, 'averaged');
    const args = [...common.map((a) => (a === dir ? out : a)), '--average-from', '2'];
    const seen: string[] = [];
    expect(await trainMeshcnn([...args, '--epochs', '2'], (l) => seen.push(l))).toBe(0);
    // One snapshot so far: the average is the network itself.
    const averaged = loadModel(new Uint8Array(readFileSync(join(out, 'human_seg-averaged.hmcn'))));
    const checkpoint = loadModel(new Uint8Array(readFileSync(join(out, 'checkpoint.hmcn'))));
    for (const [i, p] of averaged.net.params.entries())
      expect(p.data).toEqual(checkpoint.net.params[i]!.data);
    expect(await trainMeshcnn([...args, '--epochs', '3', '--resume'], (l) => seen.push(l))).toBe(0);
    expect(seen.filter((l) => l.includes('mean of the last'))).toEqual([
      expect.stringContaining('mean of the last 1 epochs'),
      expect.stringContaining('mean of the last 2 epochs'),
    ]);
    const log = readFileSync(join(out, 'log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { averaged?: { epochs: number } });
    expect(log.map((e) => e.averaged?.epochs)).toEqual([undefined, 1, 2]);
    const after = loadModel(new Uint8Array(readFileSync(join(out, 'human_seg-averaged.hmcn'))));
    expect(after.info.training).toMatchObject({ averagedEpochs: 2, averagedFrom: 2 });
    expect(await trainMeshcnn([...args, '--average-from', '0'], () => {})).toBe(2);
  });

  it('evaluates a model file and prints the accuracies as JSON', async () => {
    const out: string[] = [];
    const ctx = {
      stdout: { write: (t: string) => void out.push(t) },
      stderr: { write: () => {} },
      cwd: dir,
      pool: () => undefined as never,
    } as CliContext;
    expect(
      await evalMeshcnnCommand.run(
        [
          '--model',
          join(dir, 'human_seg.hmcn'),
          '--dataset',
          datasetPath('human_seg'),
          '--limit',
          '2',
          '--json',
        ],
        ctx,
      ),
    ).toBe(0);
    const result = JSON.parse(out.join('')) as Record<string, number> & { onePass: Record<string, number> };
    expect(result).toMatchObject({ dataset: 'human_seg', split: 'test', meshes: 2, passes: 8 });
    for (const key of ['softEdgeAccuracy', 'hardEdgeAccuracy', 'faceAccuracy']) {
      expect(result[key]).toBeGreaterThanOrEqual(0);
      expect(result.onePass[key]).toBeGreaterThanOrEqual(0);
    }
    expect(result.ensembleSeed).toBe(ENSEMBLE_SEED);

    // --ensemble-seed changes only the perturbed copies: the one-pass figures stay the same.
    out.length = 0;
    const args = ['--model', join(dir, 'human_seg.hmcn'), '--dataset', datasetPath('human_seg')];
    expect(
      await evalMeshcnnCommand.run([...args, '--limit', '2', '--ensemble-seed', '7', '--json'], ctx),
    ).toBe(0);
    const seeded = JSON.parse(out.join('')) as typeof result;
    expect(seeded.ensembleSeed).toBe(7);
    expect(seeded.onePass).toEqual(result.onePass);
    expect(await evalMeshcnnCommand.run([...args, '--ensemble-seed=-1'], ctx)).toBe(2);
  });
});
