import {
  DataTexture,
  NearestFilter,
  RepeatWrapping,
  RGBAFormat,
  SRGBColorSpace,
  UnsignedByteType,
} from 'three';

/**
 * A checkerboard to read through sphere coordinates: `columns` squares around the equator and
 * `rows` from pole to pole, so each square spans the same angle in θ and φ (360°/columns). On a
 * conformal map the squares stay square on the surface wherever the map is smooth.
 */
export function checkerTexture(columns = 24, rows = 12): DataTexture {
  const data = new Uint8Array(columns * rows * 4);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const dark = (r + c) % 2 === 1;
      const o = 4 * (r * columns + c);
      data[o] = dark ? 40 : 235;
      data[o + 1] = dark ? 60 : 235;
      data[o + 2] = dark ? 90 : 225;
      data[o + 3] = 255;
    }
  }
  const texture = new DataTexture(data, columns, rows, RGBAFormat, UnsignedByteType);
  texture.magFilter = NearestFilter;
  texture.minFilter = NearestFilter;
  texture.wrapS = RepeatWrapping;
  texture.wrapT = RepeatWrapping;
  texture.colorSpace = SRGBColorSpace;
  texture.name = 'sphere checkerboard';
  texture.needsUpdate = true;
  return texture;
}
