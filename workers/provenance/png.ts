import { ascii, asciiAt, concatBytes, UnmarkableError } from "../../shared/provenance/bytes";
import { crc32 } from "../lib/crc32";

const SIGNATURE_BYTES = 8;
const XMP_KEYWORD = "XML:com.adobe.xmp";

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.byteLength);
  const view = new DataView(out.buffer);
  const typeBytes = ascii(type);
  view.setUint32(0, data.byteLength);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.byteLength, crc32(typeBytes, data));
  return out;
}

/** An uncompressed iTXt chunk holding the XMP packet, as the XMP specification (part 3) places it in PNG. */
function xmpChunk(xmp: Uint8Array): Uint8Array {
  // keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text.
  return chunk("iTXt", concatBytes([ascii(XMP_KEYWORD), new Uint8Array([0, 0, 0, 0, 0]), xmp]));
}

function isXmpChunk(bytes: Uint8Array, at: number, length: number): boolean {
  return (
    asciiAt(bytes, at + 4, 4) === "iTXt" &&
    length > XMP_KEYWORD.length &&
    asciiAt(bytes, at + 8, XMP_KEYWORD.length + 1) === `${XMP_KEYWORD}\0`
  );
}

/**
 * The PNG with `xmp` in an iTXt chunk right after IHDR (before the image data, where readers look
 * first); an XMP chunk the file already had is replaced, so there is exactly one.
 */
export function markPng(bytes: Uint8Array, xmp: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, SIGNATURE_BYTES)];
  let at = SIGNATURE_BYTES;
  let placed = false;
  while (at + 12 <= bytes.byteLength) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.byteLength) throw new UnmarkableError("PNG chunk runs past the end of the file");
    if (!isXmpChunk(bytes, at, length)) parts.push(bytes.subarray(at, end));
    if (!placed && asciiAt(bytes, at + 4, 4) === "IHDR") {
      parts.push(xmpChunk(xmp));
      placed = true;
    }
    at = end;
  }
  if (!placed) throw new UnmarkableError("PNG without an IHDR chunk");
  return concatBytes(parts);
}
