/** What the first bytes of an image say: its type and, when found there, its size in pixels. */
export interface ImageInfo {
  contentType: "image/png" | "image/jpeg";
  width?: number;
  height?: number;
}

/**
 * Recognises PNG and JPEG from their first bytes (the formats our base64 providers return) and reads
 * the dimensions from the PNG IHDR chunk or the JPEG start-of-frame marker. Null for anything else.
 */
export function sniffImage(head: Uint8Array): ImageInfo | null {
  if (isPng(head)) {
    if (head.length < 24) return { contentType: "image/png" };
    return { contentType: "image/png", width: u32(head, 16), height: u32(head, 20) };
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { contentType: "image/jpeg", ...jpegSize(head) };
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(head: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, i) => head[i] === byte);
}

// Start-of-frame markers carry the size; C4 (Huffman), C8 (reserved) and CC (arithmetic) do not.
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegSize(head: Uint8Array): { width?: number; height?: number } {
  let i = 2;
  while (i + 9 < head.length) {
    if (head[i] !== 0xff) return {};
    const marker = head[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (SOF_MARKERS.has(marker)) return { height: u16(head, i + 5), width: u16(head, i + 7) };
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    i += 2 + u16(head, i + 2);
  }
  return {};
}

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u32(bytes: Uint8Array, at: number): number {
  return u16(bytes, at) * 0x10000 + u16(bytes, at + 2);
}
