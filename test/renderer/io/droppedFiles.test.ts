import { describe, expect, it } from 'vitest';
import { droppedFiles } from '../../../src/renderer/io/droppedFiles';

/** Minimal stand-ins for the browser's FileSystemEntry API, as a drop of a folder produces it. */
function fileEntry(name: string) {
  return {
    isFile: true,
    isDirectory: false,
    name,
    file: (ok: (f: File) => void) => ok(new File([name], name)),
  };
}

function dirEntry(name: string, children: unknown[], batch = 2) {
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader: () => {
      let offset = 0;
      // Browsers hand out directory entries in batches; an empty batch means the end.
      return { readEntries: (ok: (e: unknown[]) => void) => ok(children.slice(offset, (offset += batch))) };
    },
  };
}

function transfer(entries: unknown[]): DataTransfer {
  return {
    items: entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e, getAsFile: () => null })),
    files: [],
  } as unknown as DataTransfer;
}

describe('droppedFiles', () => {
  it('walks dropped folders (all batches) and keeps paths relative to the drop', async () => {
    const drop = transfer([
      dirEntry('spot', [
        fileEntry('spot.obj'),
        fileEntry('spot.mtl'),
        dirEntry('textures', [fileEntry('a.png'), fileEntry('b.png'), fileEntry('c.png')]),
      ]),
      fileEntry('bunny.glb'),
    ]);
    const files = await droppedFiles(drop);
    expect(files.map((f) => f.path).sort()).toEqual([
      'bunny.glb',
      'spot/spot.mtl',
      'spot/spot.obj',
      'spot/textures/a.png',
      'spot/textures/b.png',
      'spot/textures/c.png',
    ]);
    expect(await files.find((f) => f.path === 'spot/textures/c.png')!.file.text()).toBe('c.png');
  });

  it('falls back to the plain files of the drop when entries are not available', async () => {
    const file = new File(['v 0 0 0'], 'x.obj');
    const drop = {
      items: [{ kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => file }],
      files: [file],
    } as unknown as DataTransfer;
    expect((await droppedFiles(drop)).map((f) => f.path)).toEqual(['x.obj']);
  });
});
