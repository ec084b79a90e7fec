import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/build-cli.mjs';
import type { ModelData } from '../../src/core/io/ModelData';
import { writeModel } from '../../src/core/io/writeModel';
import { datasetPath, hasShared } from '../helpers/shared';
import { prepareCli, runCli } from './runCli';

const meshes = (name: string): string => datasetPath('meshes', name);
let scratch: string;

beforeAll(async () => {
  await prepareCli();
  scratch = mkdtempSync(join(tmpdir(), 'homeomorph-cli-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('homeomorph: help, version, usage errors', () => {
  it('--help lists the commands and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const name of ['info', 'convert', 'run', 'train', 'eval', 'bench'])
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(stdout).toContain('Exit codes: 0 success, 1 bad input, 2 usage.');
  });

  it('per-command help', async () => {
    const info = await runCli(['info', '--help']);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('Usage: homeomorph info FILE… [--json]');
    const convert = await runCli(['help', 'convert']);
    expect(convert.stdout).toContain('--format FORMAT');
    const run = await runCli(['run', '--help']);
    expect(run.stdout).toContain('Operators:');
    // A sub-command's own options: `train MODEL --help`, `eval MODEL --help`.
    const train = await runCli(['train', 'meshcnn', '--help']);
    expect(train.code).toBe(0);
    expect(train.stdout).toContain('--resume');
    expect(train.stdout).not.toContain('Models:');
    const evaluate = await runCli(['eval', 'meshcnn', '--help']);
    expect(evaluate.stdout).toContain('--ensemble-seed N');
    expect((await runCli(['train', '--help'])).stdout).toContain('Models:');
  });

  it('--version prints the package version', async () => {
    const { version } = (await import('../../package.json')).default;
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 2 on usage errors, with the reason', async () => {
    expect((await runCli([])).code).toBe(2);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const noFiles = await runCli(['info']);
    expect([noFiles.code, noFiles.stderr]).toEqual([
      2,
      'homeomorph info: no input files\n(homeomorph info --help for usage)\n',
    ]);
    expect((await runCli(['info', '--frobnicate', 'x.obj'])).stderr).toContain(
      'unknown option: --frobnicate',
    );
    expect((await runCli(['info', join(scratch, 'missing.obj')])).code).toBe(2);
    expect((await runCli(['convert', 'a.obj'])).stderr).toContain('missing -o');
    expect((await runCli(['run', 'no.such_operator', 'a.obj'])).stderr).toContain(
      'unknown operator "no.such_operator"',
    );
    expect((await runCli(['train', 'nothing'])).code).toBe(2);
  });

  it('bin/homeomorph.mjs runs the bundle and returns the exit code', () => {
    const ok = spawnSync(process.execPath, [join(root, 'bin', 'homeomorph.mjs'), '--version'], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    const usage = spawnSync(process.execPath, [join(root, 'bin', 'homeomorph.mjs'), 'convert'], {
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
  });
});

describe.skipIf(!hasShared)('homeomorph info', () => {
  it('--json: spot is closed with genus 0; stanford_bunny_open has 223 boundary edges and no genus', async () => {
    const { code, stdout, stderr } = await runCli([
      'info',
      meshes('spot.obj'),
      meshes('stanford_bunny_open.obj'),
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [spot, bunny] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(spot).toMatchObject({
      vertices: 11533,
      faces: 23062,
      components: 1,
      boundaryEdges: 0,
      nonManifoldEdges: 0,
      closed: true,
      genus: 0,
    });
    expect(bunny).toMatchObject({ boundaryEdges: 223, unusedVertices: 1113, closed: false, genus: null });
    for (const key of [
      'vertices',
      'faces',
      'edges',
      'components',
      'boundaryEdges',
      'nonManifoldEdges',
      'nonManifoldVertices',
      'unusedVertices',
      'closed',
      'genus',
    ])
      expect(spot).toHaveProperty(key);
    expect(spot.file).toContain('spot.obj');
  });

  it('reports the pinched cow’s non-manifold vertex and cow_genus1’s genus, in input order', async () => {
    const { stdout } = await runCli(['info', meshes('cow_pinched.obj'), meshes('cow_genus1.obj'), '--json']);
    const [pinched, genus1] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(pinched).toMatchObject({ nonManifoldVertices: 1, genus: null });
    expect(genus1).toMatchObject({ closed: true, genus: 1 });
  });

  it('text report; a bad file is reported (exit 1) and the others still are', async () => {
    const bad = join(scratch, 'garbage.obj');
    writeFileSync(bad, Buffer.from([0, 159, 146, 150, 1, 2, 3, 255, 0, 0]));
    const { code, stdout, stderr } = await runCli(['info', bad, meshes('spot.obj')]);
    expect(code).toBe(1);
    expect(stderr).toContain('garbage.obj: ');
    expect(stdout).toContain('spot.obj');
    expect(stdout).toContain('genus 0');
  });
});

describe('homeomorph info on a scene of several meshes', () => {
  it('inspects all meshes together, in world space', async () => {
    // A closed tetrahedron; the second copy sits 10 units along x through its node's matrix.
    const tetra = () => ({
      positions: Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]),
      indices: Uint32Array.from([0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3]),
    });
    const translate = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 10, 0, 0, 1];
    const model: ModelData = {
      name: 'two',
      warnings: [],
      root: {
        name: 'root',
        children: [
          { name: 'a', mesh: tetra(), children: [] },
          { name: 'b', mesh: tetra(), matrix: translate, children: [] },
        ],
      },
    };
    const file = join(scratch, 'two.glb');
    writeFileSync(file, await writeModel(model, 'glb'));
    const { code, stdout } = await runCli(['info', file, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      meshes: 2,
      vertices: 8,
      faces: 8,
      components: 2,
      closed: true,
      genus: null,
      bbox: { min: [0, 0, 0], max: [11, 1, 1] },
    });
  });
});

describe.skipIf(!hasShared)('homeomorph convert', () => {
  it('converts several files (glob) in parallel to a folder, reports a failing one and goes on', async () => {
    const folder = datasetPath('human_seg', 'train');
    const picked = readdirSync(folder)
      .filter((f) => f.endsWith('.obj'))
      .slice(0, 4);
    const input = join(scratch, 'in');
    rmSync(input, { recursive: true, force: true });
    mkdirSync(input);
    for (const f of picked) copyFileSync(join(folder, f), join(input, f));
    writeFileSync(join(input, 'broken.obj'), 'v 0 0 0\nv 1 0 0\nf 1 2 7\n');
    const out = join(scratch, 'glb');
    const { code, stdout, stderr } = await runCli(['convert', join(input, '*.obj'), '-o', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.obj: /);
    expect(stdout).toMatch(
      /^converted 4 of 5 files to GLB \(6,000 faces, .*\) in .* files\/s on 2 workers, 1 failed\n$/,
    );
    expect(readdirSync(out).sort()).toEqual(picked.map((f) => f.replace(/\.obj$/, '.glb')).sort());
    // The written GLB reads back with the same topology.
    const back = await runCli(['info', join(out, picked[0]!.replace(/\.obj$/, '.glb')), '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({ vertices: 752, faces: 1500, closed: true, genus: 0 });
  });

  it('one file to a named output: the extension picks the format', async () => {
    const out = join(scratch, 'spot.ply');
    const { code } = await runCli(['convert', meshes('spot_low.obj'), '-o', out, '--quiet']);
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const back = JSON.parse((await runCli(['info', out, '--json'])).stdout);
    expect(back).toMatchObject({ closed: true, genus: 0 });
  });

  it('refuses an unknown format and overwriting its input (exit 2)', async () => {
    expect((await runCli(['convert', meshes('spot.obj'), '-o', join(scratch, 'x.fbx')])).code).toBe(2);
    expect(
      (await runCli(['convert', meshes('spot.obj'), '-o', scratch, '--format', 'fbx'])).stderr,
    ).toContain('unknown format "fbx"');
  });
});
