import { BufferAttribute, BufferGeometry, Color, SRGBColorSpace } from 'three';
import { describe, expect, it } from 'vitest';
import { attributeDisplayGeometry, viewableAttributes } from '../../../src/renderer/viewport/attributeView';
import { viridis } from '../../../src/renderer/viewport/colorMaps';

/** Two triangles sharing an edge: 4 vertices, 2 faces. */
function quad(): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0]), 3));
  g.setIndex([0, 1, 2, 0, 2, 3]);
  return g;
}

const linear = (srgb: number[]) => new Color().setRGB(srgb[0]!, srgb[1]!, srgb[2]!, SRGBColorSpace);

describe('attribute view', () => {
  it('lists described attributes first, then undescribed _-prefixed vertex and face attributes', () => {
    const g = quad();
    g.setAttribute('_DISTORTION', new BufferAttribute(new Float32Array(4), 1));
    g.setAttribute('_RAW', new BufferAttribute(new Float32Array(4), 1));
    g.userData.faceAttributes = { _SEGMENT: { array: new Int32Array([1, 2]), itemSize: 1 } };
    g.userData.attributeInfo = {
      _DISTORTION: { kind: 'scalar', domain: 'vertex', label: 'Angle distortion' },
      _MISSING: { kind: 'scalar', domain: 'vertex', label: 'not on this mesh' },
    };
    expect(viewableAttributes(g).map((a) => [a.name, a.info.label, a.info.domain])).toEqual([
      ['_DISTORTION', 'Angle distortion', 'vertex'],
      ['_RAW', '_RAW', 'vertex'],
      ['_SEGMENT', '_SEGMENT', 'face'],
    ]);
  });

  it('maps a vertex scalar through viridis over its range, sharing the index and positions', () => {
    const g = quad();
    g.setAttribute('_D', new BufferAttribute(new Float32Array([2, 4, 6, 4]), 1));
    const view = attributeDisplayGeometry(g, {
      name: '_D',
      info: { kind: 'scalar', domain: 'vertex', label: 'D' },
    })!;
    expect(view.legend).toEqual({ kind: 'scalar', label: 'D', min: 2, max: 6 });
    expect(view.geometry.index).toBe(g.index);
    expect(view.geometry.getAttribute('position')).toBe(g.getAttribute('position'));
    const colors = view.geometry.getAttribute('color');
    const low: number[] = [];
    viridis(0, low);
    const high: number[] = [];
    viridis(1, high);
    expect(colors.getX(0)).toBeCloseTo(linear(low).r, 5);
    expect(colors.getZ(2)).toBeCloseTo(linear(high).b, 5);
    // A fixed range from attributeInfo wins over the data's.
    const ranged = attributeDisplayGeometry(g, {
      name: '_D',
      info: { kind: 'scalar', domain: 'vertex', label: 'D', range: [0, 10] },
    })!;
    expect(ranged.legend).toEqual({ kind: 'scalar', label: 'D', min: 0, max: 10 });
  });

  it('colours face labels with their class colours on a de-indexed copy (1-based labels)', () => {
    const g = quad();
    g.userData.faceAttributes = { _SEGMENT: { array: new Int32Array([1, 2]), itemSize: 1 } };
    const classes = [
      { name: 'head', color: '#ff0000' },
      { name: 'torso', color: '#0000ff' },
    ];
    const view = attributeDisplayGeometry(g, {
      name: '_SEGMENT',
      info: { kind: 'label', domain: 'face', label: 'Parts', classes, firstLabel: 1 },
    })!;
    expect(view.legend).toEqual({ kind: 'label', label: 'Parts', classes });
    expect(view.geometry.index).toBeNull();
    expect(view.geometry.getAttribute('position').count).toBe(6);
    const colors = view.geometry.getAttribute('color');
    expect([colors.getX(0), colors.getZ(0)]).toEqual([1, 0]);
    expect([colors.getX(5), colors.getZ(5)]).toEqual([0, 1]);
    expect(view.geometry.getAttribute('position').getY(4)).toBe(1);
  });

  it('returns null for an attribute the geometry lacks', () => {
    expect(
      attributeDisplayGeometry(quad(), {
        name: '_X',
        info: { kind: 'scalar', domain: 'vertex', label: 'X' },
      }),
    ).toBeNull();
    expect(
      attributeDisplayGeometry(quad(), { name: '_X', info: { kind: 'scalar', domain: 'face', label: 'X' } }),
    ).toBeNull();
  });
});
