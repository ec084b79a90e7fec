import type { ImageFile } from './ModelData';

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
  ktx2: 'image/ktx2',
  tga: 'image/x-tga',
};

/** An ImageFile with its MIME type from the bytes' signature, else from the extension. */
export function imageFile(name: string, bytes: Uint8Array): ImageFile {
  return { name: name.replace(/\\/g, '/'), mime: sniffImageMime(bytes) ?? mimeFromName(name), bytes };
}

function sniffImageMime(b: Uint8Array): string | undefined {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45)
    return 'image/webp';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'image/gif';
  return undefined;
}

function mimeFromName(name: string): string {
  const dot = name.lastIndexOf('.');
  return MIME_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? 'application/octet-stream';
}
