import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveModel } from '../../src/core/meshcnn/modelFile';
import { MeshUNet } from '../../src/core/meshcnn/meshUNet';
import { datasetPath, hasShared } from '../helpers/shared';
import { prepareCli, runCli } from './runCli';

const meshes = (name: string): string => datasetPath('meshes', name);
let scratch: string;

beforeAll(async () => {
  await prepareCli();
  scratch = mkdtempSync(join(tmpdir(), 'homeomorph-run-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!hasShared)('homeomorph run (Inspect & Repair operators)', () => {
  it('mesh.inspect --json prints the operator’s metrics', async () => {
    const { code, stdout } = await runCli(['run', 'mesh.inspect', meshes('spot.obj'), '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      operator: 'mesh.inspect',
      vertices: 11533,
      closed: true,
      genus: 0,
    });
  });

  it('mesh.repair closes the open bunny; the written GLB reads back closed with genus 0', async () => {
    const out = join(scratch, 'bunny.glb');
    const { code, stdout, stderr } = await runCli([
      'run',
      'mesh.repair',
      meshes('stanford_bunny_open.obj'),
      '-o',
      out,
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const metrics = JSON.parse(stdout);
    expect(metrics.before).toMatchObject({ boundaryEdges: 223, unusedVertices: 1113 });
    expect(metrics.after).toMatchObject({ boundaryEdges: 0, unusedVertices: 0, closed: true, genus: 0 });
    const back = JSON.parse((await runCli(['info', out, '--json'])).stdout);
    expect(back).toMatchObject({ boundaryEdges: 0, closed: true, genus: 0, faces: metrics.after.faces });
  });

  it('props come from flags: --no-fill-holes leaves the holes', async () => {
    const { code, stdout } = await runCli([
      'run',
      'mesh.repair',
      meshes('stanford_bunny_open.obj'),
      '--no-fill-holes',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).after).toMatchObject({ boundaryEdges: 223, unusedVertices: 0, closed: false });
  });

  it('a prop outside its range is a usage error (2); a file without a mesh is bad input (1)', async () => {
    const range = await runCli(['run', 'mesh.repair', meshes('spot.obj'), '--max-hole-edges', '2']);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('maxHoleEdges must be ≥ 3');
    const empty = join(scratch, 'points.obj');
    writeFileSync(empty, 'v 0 0 0\nv 1 0 0\nv 0 1 0\n');
    const bad = await runCli(['run', 'mesh.inspect', empty]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/points\.obj: \S/);
  });

  it('per-operator help lists its props with defaults and ranges', async () => {
    const { code, stdout } = await runCli(['run', 'mesh.repair', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--max-hole-edges N');
    expect(stdout).toContain('--[no-]fill-holes');
    expect((await runCli(['--help'])).stdout).toContain('mesh.repair');
  });
});

describe.skipIf(!hasShared)('homeomorph run: files besides the scene', () => {
  it('mesh.fit_sdf --onnx writes the fitted model, which onnxruntime runs as [N,3] → [N,1]', async () => {
    const onnxPath = join(scratch, 'spot_low.onnx');
    const args = ['run', 'mesh.fit_sdf', meshes('spot_low.obj'), '--onnx', onnxPath, '--json'];
    const small = [
      '--steps',
      '3',
      '--resolution',
      '32',
      '--train-samples',
      '20000',
      '--eval-samples',
      '2000',
    ];
    const { code, stdout, stderr } = await runCli([...args, ...small]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ operator: 'mesh.fit_sdf', steps: 3 });
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(readFileSync(onnxPath));
    const points = new ort.Tensor('float32', new Float32Array([0, 0, 0, 0.4, 0.4, 0.4]), [2, 3]);
    const result = await session.run({ [session.inputNames[0]!]: points });
    expect(result[session.outputNames[0]!]!.dims).toEqual([2, 1]);
  });

  it('refuses --onnx without a path as a usage error', async () => {
    const { code } = await runCli(['run', 'mesh.fit_sdf', meshes('spot_low.obj'), '--onnx']);
    expect(code).toBe(2);
  });
});

describe.skipIf(!hasShared)('homeomorph run with an input file (--model-file)', () => {
  it('segments with a model file instead of a shipped model, and says what is wrong with a bad one', async () => {
    const config = { channels: [4, 8], poolEdges: [1800], resBlocks: 0, classCount: 3 };
    const classes = ['a', 'b', 'c'].map((name, i) => ({
      name,
      color: ['#ff0000', '#00ff00', '#0000ff'][i]!,
    }));
    const file = join(scratch, 'mine.hmcn');
    writeFileSync(
      file,
      saveModel(
        {
          name: 'mine',
          config,
          classes,
          featureMean: [2.5, 0.8, 1.2, 0.5, 0.9],
          featureStd: [0.5, 0.3, 0.3, 0.2, 0.3],
        },
        new MeshUNet(config, 2),
      ),
    );
    const mesh = datasetPath('human_seg', 'test', 'shrec__10.obj');
    const ok = await runCli(['run', 'mesh.segment_meshcnn', mesh, '--model-file', file, '--json']);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as { model: string; classes: string[]; faceLabels: number[] };
    expect(result.model).toBe('mine');
    expect(result.classes).toEqual(['a', 'b', 'c']);
    expect(result.faceLabels.every((l) => l >= 1 && l <= 3)).toBe(true);
    writeFileSync(join(scratch, 'bad.hmcn'), 'not a model');
    const bad = await runCli([
      'run',
      'mesh.segment_meshcnn',
      mesh,
      '--model-file',
      join(scratch, 'bad.hmcn'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a MeshCNN model file/);
    const missing = await runCli([
      'run',
      'mesh.segment_meshcnn',
      mesh,
      '--model-file',
      join(scratch, 'none.hmcn'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--model-file .*none\.hmcn/);
  });
});
