import { describe, expect, it } from 'vitest';
import { CORNER_UVS } from '../../../src/core/mesh/threeGeometry';
import { MATERIAL_FACE_ATTRIBUTE } from '../../../src/core/io/ModelData';
import { parseObj } from '../../../src/core/io/parseObj';
import { readModel } from '../../../src/core/io/readModel';
import { TextScanner } from '../../../src/core/io/textScanner';

const parse = (text: string) =>
  parseObj(new TextEncoder().encode(text), { fileName: 't.obj', maxTriangles: 1e9 });

describe('TextScanner.number', () => {
  it('gives exactly what Number() gives, on tricky and random tokens', () => {
    const tokens = [
      '0',
      '-0',
      '1.',
      '.5',
      '-.5',
      '+3',
      '1e5',
      '1E-5',
      '2.5e+3',
      '0.1',
      '0.000000000000000000001234',
      '123456789012345678901234',
      '1.7976931348623157e308',
      '5e-324',
      '9007199254740993',
      '0.30000000000000004',
      '1e999',
      '-1e999',
      'Infinity',
      '1234567.1234567',
    ];
    let seed = 42;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let i = 0; i < 3000; i++) {
      const digits = 1 + Math.floor(random() * 18);
      const x = (random() - 0.5) * 10 ** Math.floor(random() * 30 - 15);
      tokens.push(random() < 0.5 ? x.toPrecision(digits) : x.toExponential(Math.min(digits, 20)));
    }
    for (const token of tokens) {
      const scanner = new TextScanner(new TextEncoder().encode(`${token} x`));
      expect(Object.is(scanner.number(), Number(token)), token).toBe(true);
      expect(scanner.pos).toBe(token.length);
    }
  });

  it('returns NaN and stays put on a token that is not a number', () => {
    for (const token of ['abc', '1.2.3', '1e', '-', 'nan', '1,5']) {
      const scanner = new TextScanner(new TextEncoder().encode(token));
      expect(scanner.number(), token).toBeNaN();
      expect(scanner.pos).toBe(0);
    }
  });
});

describe('parseObj', () => {
  it('reads CRLF files, tabs, comments, vertex colours and polygons in order', () => {
    const { mesh } = parse(
      '# c\r\nv 0 0 0 1 0 0\r\nv\t1 0 0 0 1 0\r\nv 1 1 0 0 0 1 # corner\r\nv 0 1 0 1 1 1\r\nf 1 2 3 4\r\n',
    );
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3]);
    expect(Array.from(mesh.colors!)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('carries UVs and normals per vertex when they are 1:1, per corner / dropped otherwise', () => {
    const square =
      'v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nvt 0.5 0.5\nvn 0 0 1\nvn 0 0 -1\n';
    const oneToOne = parse(`${square}f 1/1/1 2/2/1 3/3/1\nf 1/1/1 3/3/1 4/4/1\n`);
    expect(Array.from(oneToOne.mesh.uvs!)).toEqual([0, 0, 1, 0, 1, 1, 0, 1]);
    expect(Array.from(oneToOne.mesh.normals!)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
    const seam = parse(`${square}f 1/1/1 2/2/1 3/3/1\nf 1/1/2 3/5/2 4/4/2\n`);
    expect(seam.mesh.uvs).toBeUndefined();
    expect(seam.mesh.normals).toBeUndefined();
    expect(Array.from(seam.mesh.faceAttributes![CORNER_UVS]!.array)).toEqual([
      0, 0, 1, 0, 1, 1, 0, 0, 0.5, 0.5, 0, 1,
    ]);
    expect(seam.warnings).toEqual([
      'the normals are per face corner (flat or creased shading) and were not kept; smooth normals are used',
    ]);
  });

  it('reports materials, libraries, object names and ignored elements', () => {
    const contents = parse(
      'mtllib a.mtl\no thing\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl red\nf 1 2 3\nusemtl blue\nf 1 3 2\nl 1 2\n',
    );
    expect(contents.materialLibraries).toEqual(['a.mtl']);
    expect(contents.materialNames).toEqual(['red', 'blue']);
    expect(contents.objectName).toBe('thing');
    expect(contents.warnings).toEqual(["1 line or point elements ('l', 'p') were ignored"]);
  });

  it('warns about a missing MTL; keeps several materials on the one mesh with a face → material index', async () => {
    const obj =
      'mtllib m.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl a\nf 1 2 3\nusemtl b\nf 1 3 2\nusemtl a\nf 2 1 3\n';
    const data = new TextEncoder().encode(obj);
    const missing = await readModel({ name: 'x.obj', data });
    expect(missing.warnings).toContain('the material library "m.mtl" was not found beside the file');
    const mtl = new TextEncoder().encode(
      'newmtl a\nKd 1 0 0\nd 0.5\nmap_Kd -s 1 1 1 tex/a.png\nnewmtl b\nKd 0 1 0\n',
    );
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0]);
    const found = await readModel({ name: 'x.obj', data }, (p) => ({ 'm.mtl': mtl, 'tex/a.png': png })[p]);
    expect(found.warnings).toEqual([]);
    expect(found.root.material).toMatchObject({
      name: 'a',
      color: [1, 0, 0],
      opacity: 0.5,
      map: { name: 'tex/a.png', mime: 'image/png', bytes: png },
    });
    expect(found.root.materials!.map((m) => m.name)).toEqual(['a', 'b']);
    expect(Array.from(found.root.mesh!.faceAttributes![MATERIAL_FACE_ATTRIBUTE]!.array)).toEqual([0, 1, 0]);
  });

  it('gives faces before any usemtl a default material of their own', () => {
    const contents = parse('v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nusemtl red\nf 1 3 2\n');
    expect(contents.materialNames).toEqual(['', 'red']);
    expect(Array.from(contents.mesh.faceAttributes![MATERIAL_FACE_ATTRIBUTE]!.array)).toEqual([0, 1]);
    expect(parse('v 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl red\nf 1 2 3\n').mesh.faceAttributes).toBeUndefined();
  });
});
