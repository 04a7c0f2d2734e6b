import { ascii, asciiAt, concatBytes, UnmarkableError } from "../../shared/provenance/bytes";

/** The namespace that opens an XMP APP1 segment (XMP specification part 3, JPEG). */
const XMP_HEADER = "http://ns.adobe.com/xap/1.0/\0";
const SOI = 0xd8;
const APP0 = 0xe0;
const APP1 = 0xe1;
const SOS = 0xda;

function xmpSegment(xmp: Uint8Array): Uint8Array {
  const payload = concatBytes([ascii(XMP_HEADER), xmp]);
  if (payload.byteLength + 2 > 0xffff) throw new UnmarkableError("XMP packet too large for one JPEG segment");
  const head = new Uint8Array([0xff, APP1, (payload.byteLength + 2) >> 8, (payload.byteLength + 2) & 0xff]);
  return concatBytes([head, payload]);
}

/**
 * The JPEG with `xmp` in an APP1 segment after the JFIF/EXIF header segments; an XMP segment the
 * file already had is replaced. Segments are walked up to the start of scan; the scan is copied as is.
 */
export function markJpeg(bytes: Uint8Array, xmp: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new UnmarkableError("not a JPEG");
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  let placed = false;
  while (at + 4 <= bytes.byteLength) {
    if (bytes[at] !== 0xff) throw new UnmarkableError("JPEG segment marker expected");
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    const isHeader = marker === APP0 || (marker === APP1 && asciiAt(bytes, at + 4, 6) === "Exif\0\0");
    if (!placed && !isHeader) {
      parts.push(xmpSegment(xmp));
      placed = true;
    }
    if (marker === SOS) {
      parts.push(bytes.subarray(at));
      return concatBytes(parts);
    }
    if (end > bytes.byteLength) throw new UnmarkableError("JPEG segment runs past the end of the file");
    const isXmp = marker === APP1 && asciiAt(bytes, at + 4, XMP_HEADER.length) === XMP_HEADER;
    if (!isXmp) parts.push(bytes.subarray(at, end));
    at = end;
  }
  throw new UnmarkableError("JPEG without a start of scan");
}
