/**
 * How plugin results are stored on a three.js BufferGeometry so that the editor can show them and
 * GLB export/import keeps them:
 * - per-vertex data: a geometry attribute whose name starts with '_' (glTF custom attribute rule),
 *   e.g. '_SPHERE_COORDS';
 * - per-face data: `geometry.userData.faceAttributes[name] = { array, itemSize }` (#F×itemSize), since a
 *   BufferGeometry has no face attributes; the GLB writer stores them and the reader restores them;
 * - what each attribute means: `geometry.userData.attributeInfo[name]` (below). The viewport's
 *   colour-map view lists every attribute that has an entry and draws its legend from it.
 */
export interface AttributeInfo {
  /** 'scalar' uses a continuous colour map with a legend; 'label' uses one colour per class. */
  kind: 'scalar' | 'label';
  domain: 'vertex' | 'face';
  /** What the user sees, e.g. 'Angle distortion'. */
  label: string;
  /** For scalars: the colour-map range (defaults to the data's min and max). */
  range?: [number, number];
  /** For labels: class names and sRGB colours '#rrggbb', indexed by label value (0 = unlabelled when `firstLabel` is 1). */
  classes?: { name: string; color: string }[];
  /** For labels: the value of classes[0] (1 for the MeshCNN datasets' 1-based labels). */
  firstLabel?: number;
}

export const FACE_ATTRIBUTES_KEY = 'faceAttributes';
export const ATTRIBUTE_INFO_KEY = 'attributeInfo';
