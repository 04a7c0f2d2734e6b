import { ascii, asciiAt, concatBytes, UnmarkableError } from "../../shared/provenance/bytes";

const FLAG_XMP = 0x04;
const FLAG_ALPHA = 0x10;

function riffChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const padded = data.byteLength % 2;
  const out = new Uint8Array(8 + data.byteLength + padded);
  out.set(ascii(fourcc), 0);
  new DataView(out.buffer).setUint32(4, data.byteLength, true);
  out.set(data, 8);
  return out;
}

function u24le(out: Uint8Array, at: number, value: number): void {
  out[at] = value & 0xff;
  out[at + 1] = (value >> 8) & 0xff;
  out[at + 2] = (value >> 16) & 0xff;
}

/** A VP8X header for a simple (VP8 or VP8L) file being extended: its canvas size, its alpha, and XMP. */
function extendedHeader(size: { width: number; height: number }, alpha: boolean): Uint8Array {
  const data = new Uint8Array(10);
  data[0] = FLAG_XMP | (alpha ? FLAG_ALPHA : 0);
  u24le(data, 4, size.width - 1);
  u24le(data, 7, size.height - 1);
  return riffChunk("VP8X", data);
}

/**
 * The WebP with `xmp` in an `XMP ` chunk at the end and the VP8X header's XMP flag set, as the
 * WebP container specification orders them. A simple file (a lone VP8 or VP8L chunk) becomes an
 * extended one with a VP8X header of `size`; an XMP chunk the file already had is replaced.
 */
export function markWebp(bytes: Uint8Array, xmp: Uint8Array, size: { width: number; height: number }): Uint8Array {
  if (asciiAt(bytes, 0, 4) !== "RIFF" || asciiAt(bytes, 8, 4) !== "WEBP") throw new UnmarkableError("not a WebP");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Uint8Array[] = [];
  let header: Uint8Array | null = null;
  let at = 12;
  while (at + 8 <= bytes.byteLength) {
    const fourcc = asciiAt(bytes, at, 4);
    const length = view.getUint32(at + 4, true);
    const end = at + 8 + length + (length % 2);
    if (at + 8 + length > bytes.byteLength) throw new UnmarkableError("WebP chunk runs past the end of the file");
    const whole = bytes.subarray(at, Math.min(end, bytes.byteLength));
    if (fourcc === "VP8X") {
      header = whole.slice();
      header[8]! |= FLAG_XMP;
    } else if (fourcc !== "XMP ") {
      chunks.push(whole);
    }
    at = end;
  }
  const first = chunks[0];
  if (!header) {
    if (!first || chunks.length !== 1) throw new UnmarkableError("WebP without a VP8X header must hold one image chunk");
    const alpha = asciiAt(first, 0, 4) === "VP8L" && first.byteLength >= 13 && ((first[12]! >> 4) & 1) === 1;
    header = extendedHeader(size, alpha);
  }
  const body = concatBytes([ascii("WEBP"), header, ...chunks, riffChunk("XMP ", xmp)]);
  const riff = new Uint8Array(8);
  riff.set(ascii("RIFF"), 0);
  new DataView(riff.buffer).setUint32(4, body.byteLength, true);
  return concatBytes([riff, body]);
}
