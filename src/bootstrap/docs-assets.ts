/**
 * The few bytes of imagery the docs pages need, built here so nothing is fetched from a CDN and
 * the build needs no asset copying.
 */

/** Stands in for the Redocly logo that ReDoc's bundle would load from cdn.redoc.ly. */
export const REDOC_LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20">' +
  '<rect width="20" height="20" rx="4" fill="#e5484d"/>' +
  '<path d="M5 6h10v2h-4v7H9V8H5z" fill="#fff"/></svg>';

const SIZE = 16;
/** A white "T" on TrendXL red, one string per row from the top. */
const GLYPH = [
  '................',
  '................',
  '................',
  '...##########...',
  '...##########...',
  '.......##.......',
  '.......##.......',
  '.......##.......',
  '.......##.......',
  '.......##.......',
  '.......##.......',
  '.......##.......',
  '.......##.......',
  '................',
  '................',
  '................',
];

/** A 16×16, 32-bit ICO (one BMP image), the format every browser asks /favicon.ico for. */
export function buildFavicon(): Buffer {
  const pixels = SIZE * SIZE * 4;
  const mask = SIZE * 4; // 1 bit per pixel, rows padded to 4 bytes; all zero (opaque)
  const image = 40 + pixels + mask;
  const out = Buffer.alloc(6 + 16 + image);
  out.writeUInt16LE(1, 2); // type: icon
  out.writeUInt16LE(1, 4); // one image
  out.writeUInt8(SIZE, 6);
  out.writeUInt8(SIZE, 7);
  out.writeUInt16LE(1, 10); // planes
  out.writeUInt16LE(32, 12); // bits per pixel
  out.writeUInt32LE(image, 14);
  out.writeUInt32LE(22, 18); // offset of the image
  out.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  out.writeInt32LE(SIZE, 26);
  out.writeInt32LE(SIZE * 2, 30); // XOR + AND masks
  out.writeUInt16LE(1, 34);
  out.writeUInt16LE(32, 36);
  out.writeUInt32LE(pixels + mask, 42);
  // BMP rows run bottom-up, pixels as BGRA.
  GLYPH.forEach((row, y) => {
    [...row].forEach((cell, x) => {
      const at = 62 + ((SIZE - 1 - y) * SIZE + x) * 4;
      const [b, g, r] = cell === '#' ? [255, 255, 255] : [0x4d, 0x48, 0xe5];
      out.writeUInt8(b, at);
      out.writeUInt8(g, at + 1);
      out.writeUInt8(r, at + 2);
      out.writeUInt8(255, at + 3);
    });
  });
  return out;
}
