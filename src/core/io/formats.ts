/** The file formats Homeomorph reads and writes (File ▸ Open filter, Export menu, CLI help). */
export type ReadFormat = 'obj' | 'gltf' | 'glb' | 'ply' | 'stl' | 'off' | 'hshc';
export type WriteFormat = 'glb' | 'obj' | 'ply' | 'stl';

export interface FormatInfo {
  id: ReadFormat;
  label: string;
  /** Lower-case extensions without the dot; the first is the one writers use. */
  extensions: string[];
  read: boolean;
  write: boolean;
  /** What a written file keeps, in a few words (for menus and --help). */
  keeps?: string;
}

export const FORMATS: readonly FormatInfo[] = [
  {
    id: 'glb',
    label: 'glTF binary',
    extensions: ['glb'],
    read: true,
    write: true,
    keeps: 'everything: scene, materials, textures, custom attributes, userData',
  },
  {
    id: 'gltf',
    label: 'glTF (JSON, embedded or external buffers)',
    extensions: ['gltf'],
    read: true,
    write: false,
  },
  {
    id: 'obj',
    label: 'Wavefront OBJ (+ MTL, textures)',
    extensions: ['obj'],
    read: true,
    write: true,
    keeps: 'geometry, UVs, normals, vertex colours',
  },
  {
    id: 'ply',
    label: 'Stanford PLY (ASCII or binary)',
    extensions: ['ply'],
    read: true,
    write: true,
    keeps: 'geometry, normals, UVs, colours, custom vertex attributes',
  },
  {
    id: 'stl',
    label: 'STL (ASCII or binary)',
    extensions: ['stl'],
    read: true,
    write: true,
    keeps: 'triangles only',
  },
  { id: 'off', label: 'Object File Format', extensions: ['off'], read: true, write: false },
  {
    id: 'hshc',
    label: 'Harmonic Compress coefficients (opened as the mesh they describe)',
    extensions: ['hshc'],
    read: true,
    write: false,
  },
];

export const DEFAULT_WRITE_FORMAT: WriteFormat = 'glb';

/** Extensions the readers accept, e.g. for `<input accept>`: ['glb', 'gltf', 'obj', 'ply', 'stl', 'off', 'hshc']. */
export const READABLE_EXTENSIONS: readonly string[] = FORMATS.filter((f) => f.read).flatMap(
  (f) => f.extensions,
);
export const WRITABLE_FORMATS: readonly WriteFormat[] = FORMATS.filter((f) => f.write).map(
  (f) => f.id as WriteFormat,
);
/** Files that come beside a model (materials, textures, buffers): accept them too when a folder or several files are dropped. */
export const COMPANION_EXTENSIONS: readonly string[] = ['mtl', 'bin', 'png', 'jpg', 'jpeg', 'webp'];

/** The format an extension names ('OBJ' → 'obj'), or undefined. */
export function formatOfExtension(extension: string): FormatInfo | undefined {
  const ext = extension.replace(/^\./, '').toLowerCase();
  return FORMATS.find((f) => f.extensions.includes(ext));
}

export function isWriteFormat(value: string): value is WriteFormat {
  return (WRITABLE_FORMATS as readonly string[]).includes(value);
}

/** The `accept` string of a file input for models: '.obj,.gltf,.glb,.ply,.stl,.off'. */
export function acceptString(withCompanions = false): string {
  return [...READABLE_EXTENSIONS, ...(withCompanions ? COMPANION_EXTENSIONS : [])]
    .map((e) => `.${e}`)
    .join(',');
}
