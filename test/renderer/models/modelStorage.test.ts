import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mesh, MeshStandardMaterial, PlaneGeometry, Scene } from 'three';
import { afterEach, describe, expect, it } from 'vitest';
import { HeadlessSceneHost } from '../../../src/core/commands/SceneHost';
import { classesFor } from '../../../src/core/meshcnn/datasetClasses';
import { MeshUNet } from '../../../src/core/meshcnn/meshUNet';
import { loadModel, saveModel } from '../../../src/core/meshcnn/modelFile';
import { resolveProps } from '../../../src/core/plugin/PropSpec';
import { modelFileStore } from '../../../src/main/userModelFiles';
import { modelNameProblem } from '../../../src/plugins/segment-meshcnn/modelName';
import { segmentMeshcnnOperator } from '../../../src/plugins/segment-meshcnn/operator';
import { SHIPPED_MODELS, segmentProps } from '../../../src/plugins/segment-meshcnn/props';
import { ModelLibrary, modelNameFromFile } from '../../../src/renderer/models/ModelLibrary';

function modelBytes(name: string, classCount = 2): Uint8Array {
  const config = { channels: [4, 8], poolEdges: [100], resBlocks: 0, classCount };
  return saveModel(
    {
      name,
      config,
      classes: classesFor('none', classCount),
      featureMean: [0, 0, 0, 0, 0],
      featureStd: [1, 1, 1, 1, 1],
    },
    new MeshUNet(config, 1),
  );
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'homeomorph-models-'));
  dirs.push(dir);
  return join(dir, 'models'); // not there yet: the store makes it on the first save
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('model names', () => {
  it('accepts plain names and refuses ones that are not safe file names', () => {
    expect(modelNameProblem('my parts')).toBeNull();
    expect(modelNameProblem('Vase-2.b_x')).toBeNull();
    expect(modelNameProblem('Körper')).toBeNull();
    for (const bad of ['', '  ', '../x', 'a/b', 'a\\b', '.hidden', 'trailing ', 'x'.repeat(65), 'a:b'])
      expect(modelNameProblem(bad), bad).not.toBeNull();
  });
});

describe('the desktop model store (files in the user-data folder)', () => {
  it('saves, lists, loads, replaces and deletes models as NAME.hmcn, and refuses paths outside its folder', async () => {
    const dir = tempDir();
    const store = modelFileStore(dir);
    expect(await store.list()).toEqual([]);
    expect(await store.load('nothing')).toBeNull();
    const a = modelBytes('a');
    await store.save('vases', a);
    await store.save('chairs 2', modelBytes('b'));
    expect(await store.list()).toEqual(['chairs 2', 'vases']);
    expect(readdirSync(dir).sort()).toEqual(['chairs 2.hmcn', 'vases.hmcn']); // no temporary file left
    expect(Array.from((await store.load('vases')) ?? [])).toEqual(Array.from(a));
    const replaced = modelBytes('c', 3);
    await store.save('vases', replaced);
    expect((await store.load('vases'))!.length).toBe(replaced.length);
    await store.remove('vases');
    expect(await store.list()).toEqual(['chairs 2']);
    await expect(store.save('../escape', a)).rejects.toThrow(/cannot name a model/);
    await expect(store.load('../../etc/passwd')).rejects.toThrow(/cannot name a model/);
    await expect(store.remove(42 as unknown as string)).rejects.toThrow(/bad model name/);
  });
});

describe('ModelLibrary', () => {
  it('offers saved models in Segment with MeshCNN’s Model choice and hands their bytes to the job', async () => {
    const dir = tempDir();
    const library = new ModelLibrary(modelFileStore(dir));
    let changes = 0;
    library.onChange(() => changes++);
    await library.load();
    expect(library.models).toEqual([]);
    const bytes = modelBytes('tails', 3);
    const saved = await library.save('tails', bytes);
    expect(saved).toMatchObject({ name: 'tails', size: bytes.length });
    expect(saved.classes.map((c) => c.name)).toEqual(['label 1', 'label 2', 'label 3']);
    expect(changes).toBe(2);
    expect(segmentProps.model.items.map(([id]) => id)).toEqual([
      ...SHIPPED_MODELS.map(([id]) => id),
      'user:tails',
    ]);

    // The segment operator sends the saved model's bytes with the job input.
    const scene = new Scene();
    const mesh = new Mesh(new PlaneGeometry(1, 1, 2, 2), new MeshStandardMaterial());
    scene.add(mesh);
    const ctx = { object: mesh, selection: [mesh], host: new HeadlessSceneHost(scene) };
    const props = resolveProps(segmentProps, { model: 'user:tails' });
    const { input, transfer } = segmentMeshcnnOperator.prepare(ctx, props);
    expect(loadModel(input.modelBytes!).info.name).toBe('tails');
    expect(transfer).toContain(input.modelBytes!.buffer);
    expect(
      segmentMeshcnnOperator.prepare(ctx, resolveProps(segmentProps, {})).input.modelBytes,
    ).toBeUndefined();

    // A second editor start reads it back from the store.
    const again = new ModelLibrary(modelFileStore(dir));
    await again.load();
    expect(again.models.map((m) => m.name)).toEqual(['tails']);
    expect(Array.from(again.bytes('tails')!)).toEqual(Array.from(bytes));

    // Deleting removes the file and the choice; a run still set to it says so and changes nothing.
    await library.remove('tails');
    expect(readdirSync(dir)).toEqual([]);
    expect(segmentProps.model.items.map(([id]) => id)).toEqual(SHIPPED_MODELS.map(([id]) => id));
    expect(() => resolveProps(segmentProps, { model: 'user:tails' })).toThrow(/must be one of/);
    expect(() => segmentMeshcnnOperator.prepare(ctx, { ...props, model: 'user:tails' })).toThrow(
      /no longer saved/,
    );
  });

  it('stores nothing that is not a model, and skips an unreadable stored file with a message', async () => {
    const dir = tempDir();
    const library = new ModelLibrary(modelFileStore(dir));
    await expect(library.save('junk', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).rejects.toThrow(
      /not a MeshCNN model file/,
    );
    await expect(library.save('a/b', modelBytes('x'))).rejects.toThrow(/cannot name a model/);
    expect(await modelFileStore(dir).list()).toEqual([]);
    await modelFileStore(dir).save('good', modelBytes('good'));
    writeFileSync(join(dir, 'broken.hmcn'), new Uint8Array([0x48, 0x4d, 0x43, 0x4e, 255, 255, 0, 0]));
    const problems: string[] = [];
    const reader = new ModelLibrary(modelFileStore(dir));
    await reader.load((m) => problems.push(m));
    expect(reader.models.map((m) => m.name)).toEqual(['good']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/"broken" could not be read/);
    await reader.remove('good');
  });

  it('imports model files under their file name, never replacing a saved model, and refuses junk', async () => {
    const dir = tempDir();
    const library = new ModelLibrary(modelFileStore(dir));
    expect((await library.importFile('downloads/vase parts.hmcn', modelBytes('a'))).name).toBe('vase parts');
    expect((await library.importFile('vase parts.HMCN', modelBytes('b', 3))).name).toBe('vase parts 2');
    expect((await library.importFile('C:\\models\\vase parts.hmcn', modelBytes('c'))).name).toBe(
      'vase parts 3',
    );
    expect(library.models.map((m) => [m.name, m.classes.length])).toEqual([
      ['vase parts', 2],
      ['vase parts 2', 3],
      ['vase parts 3', 2],
    ]);
    await expect(library.importFile('junk.hmcn', new Uint8Array(64))).rejects.toThrow(/not a MeshCNN model/);
    expect(await modelFileStore(dir).list()).toEqual(['vase parts', 'vase parts 2', 'vase parts 3']);
    for (const m of library.models) await library.remove(m.name);
  });

  it('turns any file name into a valid model name', () => {
    expect(modelNameFromFile('a/b/My vase:v2.hmcn')).toBe('My vase_v2');
    expect(modelNameFromFile('.hidden.hmcn')).toBe('hidden');
    expect(modelNameFromFile('Körper.hmcn')).toBe('Körper');
    expect(modelNameFromFile('.hmcn')).toBe('imported model');
    expect(modelNameFromFile(`${'x'.repeat(80)}.hmcn`)).toBe('x'.repeat(64));
    for (const name of ['a/b/My vase:v2.hmcn', '  spaced  .hmcn', '--.hmcn', '….hmcn'])
      expect(modelNameProblem(modelNameFromFile(name)), name).toBeNull();
  });
});
