import type { UploadContentType } from "../../shared/media";

/** What the bytes say an image is: its real type and the dimensions its header declares. */
export interface SniffedImage {
  contentType: UploadContentType;
  width: number;
  height: number;
  /** False when the structure ends early (a truncated file): no PNG IEND, no JPEG EOI, short RIFF. */
  complete: boolean;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function u16be(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

function u24le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
}

function u32le(b: Uint8Array, at: number): number {
  return u24le(b, at) + b[at + 3]! * 0x1000000;
}

/** PNG: IHDR must be the first chunk; the file is complete when walking chunk lengths reaches IEND. */
function sniffPng(b: Uint8Array): SniffedImage | null {
  if (b.length < 33 || ascii(b, 12, 4) !== "IHDR") return null;
  let at = 8;
  let complete = false;
  while (at + 12 <= b.length) {
    const type = ascii(b, at + 4, 4);
    at += 12 + u32be(b, at);
    if (type === "IEND") {
      complete = at <= b.length;
      break;
    }
  }
  return { contentType: "image/png", width: u32be(b, 16), height: u32be(b, 20), complete };
}

/** Start-of-frame markers carry the dimensions; C4 (DHT), C8 (reserved) and CC (DAC) are not frames. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** JPEG: walk the marker segments through the frame header to the first scan; complete when an EOI follows. */
function sniffJpeg(b: Uint8Array): SniffedImage | null {
  let frame: { width: number; height: number } | null = null;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9) return null; // the end before any scan
    const length = u16be(b, at + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker) && !frame) {
      if (at + 9 > b.length) return null;
      frame = { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    if (marker === 0xda) {
      if (!frame) return null;
      return { contentType: "image/jpeg", ...frame, complete: hasEnd(b, at + 2 + length) };
    }
    at += 2 + length;
  }
  return frame ? { contentType: "image/jpeg", ...frame, complete: false } : null;
}

/**
 * Entropy-coded data stuffs every 0xFF as FF 00, so FF D9 after the first scan begins is the
 * end-of-image marker; a truncated upload has none.
 */
function hasEnd(b: Uint8Array, from: number): boolean {
  for (let i = b.indexOf(0xff, from); i >= 0 && i + 1 < b.length; i = b.indexOf(0xff, i + 1)) {
    if (b[i + 1] === 0xd9) return true;
  }
  return false;
}

/** WebP: the first chunk (VP8, VP8L or VP8X) gives the canvas size; RIFF's size field gives completeness. */
function sniffWebp(b: Uint8Array): SniffedImage | null {
  if (b.length < 30 || ascii(b, 8, 4) !== "WEBP") return null;
  const complete = u32le(b, 4) + 8 <= b.length;
  const chunk = ascii(b, 12, 4);
  let width: number;
  let height: number;
  if (chunk === "VP8 ") {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return null;
    width = (b[26]! | (b[27]! << 8)) & 0x3fff;
    height = (b[28]! | (b[29]! << 8)) & 0x3fff;
  } else if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return null;
    const bits = u32le(b, 21);
    width = (bits & 0x3fff) + 1;
    height = ((bits >>> 14) & 0x3fff) + 1;
  } else if (chunk === "VP8X") {
    width = u24le(b, 24) + 1;
    height = u24le(b, 27) + 1;
  } else {
    return null;
  }
  return { contentType: "image/webp", width, height, complete };
}

/**
 * Decides an image's type from its magic number and parses its header for the dimensions. The
 * declared Content-Type plays no part. Null when the bytes are not a PNG, JPEG or WebP header.
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return sniffPng(bytes);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return sniffJpeg(bytes);
  if (ascii(bytes, 0, 4) === "RIFF") return sniffWebp(bytes);
  return null;
}
