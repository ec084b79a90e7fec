import { describe, expect, it } from 'vitest';
import { modelFiles, resolverFor } from '../../../src/core/io/fileSet';
import type { InputFile } from '../../../src/core/io/ModelData';
import { readModel } from '../../../src/core/io/readModel';
import { hasShared } from '../../helpers/shared';
import { sharedFile } from './fixtures';

const file = (name: string, text = name): InputFile => ({ name, data: new TextEncoder().encode(text) });

describe('dropped file sets', () => {
  const files = [
    file('scan/model.obj'),
    file('scan/model.mtl'),
    file('scan/tex/Skin.PNG'),
    file('other/b.png'),
    file('scan/part.glb'),
    file('notes.txt'),
  ];

  it('lists the models among companions', () => {
    expect(modelFiles(files).map((f) => f.name)).toEqual(['scan/model.obj', 'scan/part.glb']);
  });

  it('resolves relative, dotted, absolute and wrongly-cased paths', () => {
    const resolve = resolverFor(files[0]!, files);
    const text = (path: string) => {
      const bytes = resolve(path) as Uint8Array | undefined;
      return bytes && new TextDecoder().decode(bytes);
    };
    expect(text('model.mtl')).toBe('scan/model.mtl');
    expect(text('./tex/skin.png')).toBe('scan/tex/Skin.PNG');
    expect(text('../other/b.png')).toBe('other/b.png');
    expect(text('C:\\Users\\me\\exports\\skin.png')).toBe('scan/tex/Skin.PNG');
    expect(text('missing.png')).toBeUndefined();
  });

  it.skipIf(!hasShared)('opens spot_color.obj dropped with its MTL and texture in a folder', async () => {
    const names = ['spot_color.obj', 'spot_color.mtl', 'spot_texture.png'];
    const dropped = names.map((n) => ({ ...sharedFile(n).file, name: `cow/${n}` }));
    const [main] = modelFiles(dropped);
    const model = await readModel(main!, resolverFor(main!, dropped));
    expect(model.warnings).not.toContain('the texture "spot_texture.png" was not found beside the file');
    expect(model.root.material!.map!.bytes.length).toBe(78699);
  });
});
