/**
 * EXIF orientation (1–8) of a JPEG, or 1 when there is none. Browsers rotate JPEGs by this tag
 * when they show them (CSS `image-orientation: from-image` is the default), so the thumbnail and
 * the reported width/height must follow it too or phone photos appear sideways in the grid.
 */
export function jpegOrientation(b: Uint8Array): number {
  let at = 2;
  while (at + 4 <= b.length && b[at] === 0xff) {
    const marker = b[at + 1]!;
    if (marker === 0xda || marker === 0xd9) break;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (marker === 0xe1 && isExifHeader(b, at + 4)) return tiffOrientation(b.subarray(at + 10, at + 2 + length));
    at += 2 + length;
  }
  return 1;
}

function isExifHeader(b: Uint8Array, at: number): boolean {
  return String.fromCharCode(...b.subarray(at, at + 6)) === "Exif\0\0";
}

/** Reads tag 0x0112 from IFD0 of a TIFF structure; anything malformed counts as "no rotation". */
function tiffOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 1;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Orientations 5–8 turn the picture a quarter, so the displayed width and height swap. */
export function swapsAxes(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}
